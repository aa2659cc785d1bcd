#pragma once
// Click-free joins between independently synthesized chunks: each chunk gets a short
// raised-cosine fade-in and fade-out, so consecutive chunks meet near zero whatever phase the
// waveforms had. The last `fade_samples` of a chunk are held back until its end is known.
#include <cstddef>
#include <span>
#include <vector>

namespace chorus::audio {

class ChunkFader {
 public:
  explicit ChunkFader(std::size_t fade_samples);

  // Appends the chunk's samples so far, faded in at its start, minus the held-back tail.
  void process(std::span<const float> in, std::vector<float>& out);

  // Appends the held-back tail faded out; the next process() starts a new chunk.
  void end_chunk(std::vector<float>& out);

  std::size_t fade_samples() const { return fade_; }

 private:
  std::size_t fade_;
  std::size_t position_ = 0;  // samples of the current chunk seen so far
  std::vector<float> tail_;
};

// Gain of a raised-cosine ramp after `index` of `length` samples: 0 -> 1 without a corner.
float raised_cosine(std::size_t index, std::size_t length);

}  // namespace chorus::audio
