#pragma once
// The watermark's fixed-size transforms, forward and inverse, set up once: the embedder runs one
// of each per 256 output samples, and the detector thousands per file.
#include <complex>
#include <cstddef>
#include <memory>
#include <span>

#include "core/fft.h"

namespace chorus::audio::watermark {

class FrameFft {
 public:
  explicit FrameFft(std::size_t size);  // size: a power of two >= 2

  std::size_t size() const { return forward_.size(); }
  // In place; inverse is unscaled (divide by size() to invert a forward transform).
  void forward(std::span<std::complex<float>> data) const { forward_.run(data); }
  void inverse(std::span<std::complex<float>> data) const { inverse_.run(data); }

 private:
  Fft forward_;
  Fft inverse_;
};

// A FrameFft of kFrameSize that nobody else uses until the handle goes, from a process-wide pool.
// Setting one up costs about 0.3 ms (libavutil builds its tables), twice what marking the first
// tenth of a second takes, and every marked response needs one before its first byte.
struct ReturnToPool {
  void operator()(FrameFft* fft) const;
};
using PooledFrameFft = std::unique_ptr<FrameFft, ReturnToPool>;
PooledFrameFft pooled_frame_fft();

}  // namespace chorus::audio::watermark
