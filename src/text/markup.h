#pragma once
// Inline pronunciation markup compatible with Kokoro-FastAPI: "[Kokoro](/kˈOkəɹO/)" gives a
// word its IPA pronunciation, "[pause:1.5s]" (or "[pause:500ms]") inserts silence.
#include <string>
#include <string_view>
#include <vector>

#include "text/segments.h"

namespace chorus {

// Splits text into plain, phoneme and pause segments. Brackets that are not valid markup are
// left as text. Pauses are clamped to [0, kMaxPauseSeconds].
std::vector<TextSegment> parse_inline_markup(std::string_view text);

// A segment with the byte range of the input it came from (markup included).
struct MarkupPiece {
  TextSegment segment;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// parse_inline_markup() with source ranges: engines use them to tell which part of a chunk
// produced which sound.
std::vector<MarkupPiece> parse_inline_markup_pieces(std::string_view text);

// Writes a phoneme segment back as markup ("[word](/ipa/)"), the form engines receive.
std::string phoneme_markup(std::string_view word, std::string_view ipa);

// Parses "1.5s", "500ms", "2" (seconds); nullopt-like -1 when malformed.
double parse_duration_seconds(std::string_view s);

}  // namespace chorus
