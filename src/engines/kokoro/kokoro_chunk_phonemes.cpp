#include "engines/kokoro/kokoro_chunk_phonemes.h"

#include "engines/kokoro/kokoro_ipa_tables.h"
#include "text/markup.h"
#include "text/word_spans.h"

namespace chorus::kokoro {
namespace {

// Marks the phonemizer writes straight after the word before them.
bool attaches_left(char32_t c) {
  switch (c) {
    case U'.': case U',': case U'!': case U'?': case U';': case U':': case U'—': case U'…':
    case U')': case U'”': case U'"':
      return true;
    default:
      return false;
  }
}

void append_phonemes(ChunkPhonemes& out, const std::string& phonemes, std::size_t words,
                     const std::vector<std::pair<std::size_t, std::size_t>>& sources,
                     std::pair<std::size_t, std::size_t> whole) {
  if (phonemes.empty()) return;
  const std::u32string head = utf8_to_u32(phonemes.substr(0, 4));
  if (!out.phonemes.empty() && !(head.size() > 0 && attaches_left(head.front()))) out.phonemes.push_back(' ');
  out.phonemes += phonemes;
  for (std::size_t i = 0; i < words; ++i) {
    out.word_sources.push_back(sources.size() == words ? sources[i] : whole);
  }
}

}  // namespace

std::size_t count_phoneme_words(std::string_view phonemes, const Vocabulary& vocab) {
  std::size_t count = 0;
  bool in_word = false;
  for (char32_t c : utf8_to_u32(phonemes)) {
    if (c == U' ') {
      in_word = false;
    } else if (!in_word && vocab.contains(c)) {
      in_word = true;
      ++count;
    }
  }
  return count;
}

ChunkPhonemes phonemize_chunk(const Phonemizer& phonemizer, std::string_view text,
                              const PhonemizerLanguage& language, const Vocabulary& vocab) {
  ChunkPhonemes out;
  for (const auto& piece : parse_inline_markup_pieces(text)) {
    const auto& segment = piece.segment;
    std::string phonemes;
    std::vector<std::pair<std::size_t, std::size_t>> sources;
    std::pair<std::size_t, std::size_t> whole{piece.begin, piece.end};
    if (segment.kind == TextSegment::Kind::kPhonemes) {
      phonemes = language.english ? postprocess_english_ipa(segment.phonemes, language.british)
                                  : postprocess_espeak_ipa(segment.phonemes);
    } else if (segment.kind == TextSegment::Kind::kText) {
      phonemes = phonemizer.phonemize(segment.text, language);
      sources = word_spans(segment.text, piece.begin);
      if (!sources.empty()) whole = {sources.front().first, sources.back().second};
    }
    append_phonemes(out, phonemes, count_phoneme_words(phonemes, vocab), sources, whole);
  }
  return out;
}

}  // namespace chorus::kokoro
