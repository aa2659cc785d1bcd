#pragma once
// The text front-end in one call: markup or SSML, lexicon, language, normalization and
// chunking. This is what the speech pipeline and POST /v1/text/normalize use.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/chunker.h"
#include "text/language_detect.h"
#include "text/lexicon.h"
#include "text/normalizer.h"

namespace chorus {

struct AnalyzeOptions {
  bool normalize = true;       // request field "normalize"; false leaves the words as written
  bool ssml = false;           // parse the input as SSML (needs a <speak> root)
  bool inline_markup = true;   // "[word](/ipa/)" and "[pause:1.5s]"
  NormalizeOptions normalize_options;
  ChunkOptions chunk_options;
  // Used when the request names no language and detection is unsure (the voice's language
  // or the configured default).
  std::string fallback_language = "en";
  const Lexicon* server_lexicon = nullptr;
  const Lexicon* request_lexicon = nullptr;  // wins over the server lexicon
};

struct TextAnalysis {
  // The normalized text. Pronunciations stay as "[word](/ipa/)", pauses as "[pause:1.5s]".
  std::string normalized;
  std::string language;            // lower-case BCP-47 tag used for the whole input
  bool language_detected = false;  // false: the request gave it
  bool language_reliable = true;   // false: detection was unsure and fell back
  // Chunks for the engine: pronunciations inline as "[word](/ipa/)", pauses as
  // pause_after_seconds. Never blank.
  std::vector<TextChunk> chunks;
  // The words as written (text/word_alignment.h), for word timestamps.
  std::vector<std::string> written_words;
  // SSML <prosody rate> when one rate covers the whole input, else 1.
  double rate = 1.0;
};

// Throws ApiError (400, code "invalid_ssml", param "input") for malformed SSML and
// ("invalid_language", param "language") for a malformed language tag.
TextAnalysis analyze_text(std::string_view input, std::optional<std::string> language,
                          const AnalyzeOptions& options = {});

}  // namespace chorus
