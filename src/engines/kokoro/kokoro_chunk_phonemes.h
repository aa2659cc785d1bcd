#pragma once
// A chunk's phonemes with pronunciation markup honoured: "[word](/IPA/)" goes into the token
// sequence as its IPA (Kokoro's vocabulary is IPA), the rest through the phonemizer. Each
// phoneme word remembers the chunk text it came from, for word timings.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/kokoro/kokoro_phonemizer.h"
#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {

struct ChunkPhonemes {
  std::string phonemes;
  // Per phoneme word (space-separated, with at least one vocabulary symbol): the chunk bytes
  // it speaks. When the phonemizer merged or split words, every phoneme word of that stretch
  // names the whole stretch.
  std::vector<std::pair<std::size_t, std::size_t>> word_sources;
};

ChunkPhonemes phonemize_chunk(const Phonemizer& phonemizer, std::string_view text,
                              const PhonemizerLanguage& language, const Vocabulary& vocab);

// Phoneme words of a phoneme string, counted as the batches will see them.
std::size_t count_phoneme_words(std::string_view phonemes, const Vocabulary& vocab);

}  // namespace chorus::kokoro
