// libFuzzer target for the normalizer, the SSML parser, the inline markup and the chunker.
// Not part of the CMake build (it needs clang's -fsanitize=fuzzer). Build and run:
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src \
//     tests/unit/text/fuzz/text_fuzzer.cpp src/text/*.cpp $(pkg-config --cflags --libs libexttextcat) \
//     -o /tmp/text_fuzzer && /tmp/text_fuzzer -max_total_time=60 -max_len=4096
//
// The first input byte picks the language and the options, the rest is the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/api_error.h"
#include "text/chunker.h"
#include "text/language.h"
#include "text/markup.h"
#include "text/normalizer.h"
#include "text/ssml.h"
#include "text/text_analysis.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  if (size == 0) return 0;
  const auto& langs = xtts_languages();
  const std::string& lang = langs[data[0] % langs.size()];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  const std::string normalized = normalize_text(text, lang);
  if (!is_valid_utf8(normalized)) std::abort();

  const ChunkOptions options{1 + data[0] % 64u, 8 + data[0] % 200u};
  const auto chunks = split_into_chunks(text, lang, options);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const std::size_t limit = i == 0 ? std::min(options.first_chunk_max_chars, options.max_chars)
                                     : options.max_chars;
    if (is_blank(chunks[i].text) || !is_valid_utf8(chunks[i].text) ||
        utf8_length(chunks[i].text) > limit) {
      std::abort();
    }
  }

  (void)parse_ssml(text, lang);
  (void)parse_inline_markup(text);

  AnalyzeOptions ao;
  ao.ssml = (data[0] & 0x80) != 0;
  try {
    const auto a = analyze_text(text, std::nullopt, ao);
    for (const auto& c : a.chunks) {
      if (is_blank(c.text) || !is_valid_utf8(c.text)) std::abort();
    }
  } catch (const ApiError&) {
  }
  return 0;
}
