#include "text/word_spans.h"

#include "text/markup.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus {

std::vector<ByteSpan> word_spans(std::string_view text, std::size_t offset) {
  std::vector<ByteSpan> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    if (is_space(decode_utf8(text, next))) {
      pos = next;
      continue;
    }
    const std::size_t begin = pos;
    bool spoken = false;
    while (pos < text.size()) {
      next = pos;
      const char32_t cp = decode_utf8(text, next);
      if (is_space(cp)) break;
      spoken = spoken || is_alnum(cp);
      pos = next;
    }
    if (spoken) words.emplace_back(offset + begin, offset + pos);
  }
  return words;
}

std::vector<ByteSpan> chunk_word_spans(std::string_view chunk) {
  std::vector<ByteSpan> words;
  for (const auto& piece : parse_inline_markup_pieces(chunk)) {
    if (piece.segment.kind == TextSegment::Kind::kPhonemes) {
      words.emplace_back(piece.begin, piece.end);
    } else if (piece.segment.kind == TextSegment::Kind::kText) {
      for (const auto& w : word_spans(chunk.substr(piece.begin, piece.end - piece.begin), piece.begin)) {
        words.push_back(w);
      }
    }
  }
  return words;
}

}  // namespace chorus
