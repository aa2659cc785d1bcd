#pragma once
// The watermark's fixed-size transforms, forward and inverse, set up once: the embedder runs one
// of each per 256 output samples, and the detector thousands per file.
#include <complex>
#include <cstddef>
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

}  // namespace chorus::audio::watermark
