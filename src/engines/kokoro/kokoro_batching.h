#pragma once
// Long inputs: Kokoro sees at most 510 tokens at once, so the phoneme string is cut at
// punctuation into batches, each synthesized on its own and joined. Also the per-batch
// silence trim that keeps the joins tight.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {

struct Batch {
  std::string phonemes;            // UTF-8, for logs
  std::vector<std::int64_t> ids;   // token ids without pads, 1..max_tokens of them
};

// Splits at . , ! ? ; : … — (a mark stays with the text before it, with a closing quote or
// bracket right after it), packs the pieces greedily up to `max_tokens`, cuts a piece that is
// longer on its own at spaces, and a word longer than that hard. Empty input -> no batches.
std::vector<Batch> split_batches(std::string_view phonemes, const Vocabulary& vocab,
                                 std::size_t max_tokens = kMaxTokens);

// librosa.effects.trim equivalent (centered frames, RMS relative to the loudest frame):
// returns [begin, end) of the non-silent part; {0, 0} when all of it is silent.
std::pair<std::size_t, std::size_t> non_silent_range(std::span<const float> samples, float top_db = 60.0f,
                                                     std::size_t frame = 2048, std::size_t hop = 512);

}  // namespace chorus::kokoro
