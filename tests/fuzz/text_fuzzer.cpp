// Fuzz target: the text front-end - normalizer, SSML parser, inline markup, lexicon, sentence
// chunker, language detection and analyze_text, which strings them together for every request.
// The first input byte picks the language and the options, the rest is the text. Bit 0x08
// picks what runs: the parts one by one, or analyze_text alone (which runs them all again:
// doing both for every input would double each execution's time, most of it spent in
// libexttextcat's per-call tables and the normalizer's matchers). Besides
// crashes and sanitizer reports, a failure is: invalid UTF-8 out, a blank
// chunk, a chunk above its limit, or an exception other than a 400 ApiError.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/api_error.h"
#include "text/chunker.h"
#include "text/language.h"
#include "text/language_detect.h"
#include "text/lexicon.h"
#include "text/markup.h"
#include "text/normalizer.h"
#include "text/ssml.h"
#include "text/text_analysis.h"
#include "text/utf8.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

const chorus::Lexicon& fuzz_lexicon() {
  static const chorus::Lexicon lexicon = [] {
    chorus::Lexicon l;
    l.add("Kokoro", "/kˈOkəɹO/");
    l.add("chorus", "core us");
    l.add("New York", "/nuː jɔːk/");
    l.add("ÉTÉ", "été");
    return l;
  }();
  return lexicon;
}

// The whole front-end as a request runs it, with the options the request can set.
void run_analysis(const std::string& text, const std::string& lang, std::uint8_t flags) {
  using namespace chorus;
  AnalyzeOptions ao;
  ao.ssml = (flags & 0x80) != 0;
  ao.normalize = (flags & 0x40) == 0;
  ao.inline_markup = (flags & 0x20) == 0;
  ao.server_lexicon = &fuzz_lexicon();
  ao.chunk_options = ChunkOptions{1 + flags % 64u, 8 + flags % 200u};
  std::optional<std::string> language;
  if (flags & 0x10) language = lang;
  try {
    const auto analysis = analyze_text(text, language, ao);
    check(!analysis.language.empty());
    for (const auto& c : analysis.chunks) {
      check(!is_blank(c.text));
      check(is_valid_utf8(c.text));
    }
  } catch (const ApiError& error) {
    check(error.status() == 400);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  // The languages with a number speller (text/number_words.h), in the seeds' order.
  static const std::vector<std::string> langs{"en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru",
                                              "nl", "cs", "ar", "zh", "ja", "hu", "ko", "hi"};
  const std::string& lang = langs[flags % langs.size()];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  // Requests are checked for UTF-8 before the front-end sees them (speech_request_parser).
  if (!is_valid_utf8(text)) return 0;

  // Every input ends with the classifier's memo empty again: an input that leaves more
  // allocations than it freed is run a second time with a leak check (29% of the target's time).
  struct ForgetClassifications {
    ~ForgetClassifications() { forget_language_classifications(); }
  } forget;
  if ((flags & 0x08) == 0) {
    run_analysis(text, lang, flags);
    return 0;
  }
  try {
    const std::string normalized = normalize_text(text, lang);
    check(is_valid_utf8(normalized));

    const ChunkOptions options{1 + flags % 64u, 8 + flags % 200u};
    const auto chunks = split_into_chunks(text, lang, options);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      const std::size_t limit = i == 0 ? std::min(options.first_chunk_max_chars, options.max_chars)
                                       : options.max_chars;
      check(!is_blank(chunks[i].text));
      check(is_valid_utf8(chunks[i].text) && utf8_length(chunks[i].text) <= limit);
    }

    (void)parse_ssml(text, lang);
    (void)looks_like_ssml(text);
    const auto segments = parse_inline_markup(text);
    (void)fuzz_lexicon().apply(segments);
    (void)parse_duration_seconds(text.substr(0, 16));

    const DetectedLanguage detected = detect_language(text, lang);
    check(!detected.language.empty());
    (void)normalize_language_tag(text.substr(0, 24));
  } catch (const ApiError& error) {
    check(error.status() == 400);
  }

  return 0;
}
