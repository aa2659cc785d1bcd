#pragma once
// Where each phoneme word of a chunk is heard, from Kokoro's per-token `duration` output (frames
// of 600 samples at 24 kHz). Batches are added as they are synthesized; trimmed silence and the
// batch joins are accounted for. Models without a duration output count one frame per token, an
// estimate scaled to the batch's real length.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {

class KokoroWordClock {
 public:
  explicit KokoroWordClock(const Vocabulary& vocab) : space_id_(vocab.id(U' ')) {}

  // ids: the batch's tokens without pads; durations: per token with both pads (may be empty);
  // raw_samples: the model's output length; trimmed_head: samples cut from its start;
  // emitted: samples passed on after trimming.
  void add_batch(std::span<const std::int64_t> ids, std::span<const std::int64_t> durations,
                 std::size_t raw_samples, std::size_t trimmed_head, std::size_t emitted);

  // Per phoneme word, in order: [start, end) samples from the chunk's first emitted sample.
  const std::vector<std::pair<std::size_t, std::size_t>>& words() const { return words_; }

 private:
  std::int64_t space_id_;
  std::size_t emitted_before_ = 0;
  std::vector<std::pair<std::size_t, std::size_t>> words_;
};

}  // namespace chorus::kokoro
