#include "engines/kokoro/kokoro_word_clock.h"

#include <algorithm>
#include <cmath>

namespace chorus::kokoro {

void KokoroWordClock::add_batch(std::span<const std::int64_t> ids, std::span<const std::int64_t> durations,
                                std::size_t raw_samples, std::size_t trimmed_head, std::size_t emitted) {
  // Frame boundaries per position (pads included); one frame each when the model has no durations.
  const std::size_t positions = ids.size() + 2;
  std::vector<double> frame_end(positions);
  double total = 0;
  for (std::size_t i = 0; i < positions; ++i) {
    const double d = durations.size() == positions ? static_cast<double>(std::max<std::int64_t>(0, durations[i])) : 1.0;
    total += d;
    frame_end[i] = total;
  }
  // Real exports give exactly 600 samples per frame; scaling to the output keeps the estimate
  // (and any export that differs) inside the audio.
  // Without durations (the int8 export has none) the estimate is spread over the emitted audio,
  // after trimming: the trimmed ends are silence, and mapping onto the raw output put the last
  // words past the trimmed end, where they were clamped to zero length.
  const bool estimated = durations.size() != positions;
  const double span = static_cast<double>(estimated ? emitted : raw_samples);
  const double head = estimated ? 0.0 : static_cast<double>(trimmed_head);
  const double samples_per_frame = total > 0 ? span / total : 0.0;
  auto to_emitted = [&](double frames) {
    const double raw = frames * samples_per_frame;
    const double local = std::clamp(raw - head, 0.0, static_cast<double>(emitted));
    return emitted_before_ + static_cast<std::size_t>(std::lround(local));
  };
  bool in_word = false;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const double start = frame_end[i];  // position i+1 starts where position i ends
    const double end = frame_end[i + 1];
    if (ids[i] == space_id_) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      words_.emplace_back(to_emitted(start), to_emitted(end));
      in_word = true;
    } else {
      words_.back().second = to_emitted(end);
    }
  }
  emitted_before_ += emitted;
}

}  // namespace chorus::kokoro
