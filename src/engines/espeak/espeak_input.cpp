#include "engines/espeak/espeak_input.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "engines/espeak/espeak_ipa_mnemonics.h"
#include "text/markup.h"
#include "text/utf8.h"

namespace chorus {

EspeakInput build_espeak_input(std::string_view chunk_text) {
  EspeakInput input;
  const auto pieces = parse_inline_markup_pieces(chunk_text);
  input.phonemes = std::any_of(pieces.begin(), pieces.end(), [](const MarkupPiece& p) {
    return p.segment.kind == TextSegment::Kind::kPhonemes;
  });
  for (const auto& piece : pieces) {
    EspeakInput::Span span;
    span.input_begin = input.text.size();
    span.chunk_begin = piece.begin;
    span.chunk_end = piece.end;
    if (piece.segment.kind == TextSegment::Kind::kPhonemes) {
      const EspeakMnemonics m = ipa_to_espeak_mnemonics(piece.segment.phonemes);
      if (!m.unknown.empty()) {
        std::string symbols;
        for (const auto& s : m.unknown) symbols += (symbols.empty() ? "" : " ") + s;
        spdlog::info("espeak: no phoneme for IPA '{}' in '{}': dropped", symbols, piece.segment.phonemes);
      }
      // Nothing usable left: read the word as written rather than nothing.
      input.text += m.phonemes.empty() ? piece.segment.text : "[[" + m.phonemes + "]]";
      span.verbatim = false;
    } else {
      std::string text(chunk_text.substr(piece.begin, piece.end - piece.begin));
      // With phoneme input on, a literal "[[" would open phonemes; "[(" keeps the byte count.
      if (input.phonemes) {
        for (std::size_t at = text.find("[["); at != std::string::npos; at = text.find("[[", at + 2)) text[at + 1] = '(';
      }
      input.text += text;
    }
    span.input_end = input.text.size();
    input.spans.push_back(span);
  }
  return input;
}

std::pair<std::size_t, std::size_t> EspeakInput::to_chunk(std::size_t begin, std::size_t end) const {
  std::size_t chunk_begin = 0, chunk_end = 0;
  bool found = false;
  for (const auto& span : spans) {
    if (span.input_end <= begin || span.input_begin >= std::max(end, begin + 1)) continue;
    const std::size_t b = span.verbatim ? span.chunk_begin + (std::max(begin, span.input_begin) - span.input_begin)
                                        : span.chunk_begin;
    const std::size_t e = span.verbatim ? span.chunk_begin + (std::min(end, span.input_end) - span.input_begin)
                                        : span.chunk_end;
    if (!found) chunk_begin = b;
    chunk_end = std::max(chunk_end, e);
    found = true;
  }
  return {chunk_begin, std::max(chunk_begin, chunk_end)};
}

std::size_t EspeakInput::byte_of_char(std::size_t char_index) const {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < char_index && pos < text.size(); ++i) decode_utf8(text, pos);
  return pos;
}

}  // namespace chorus
