#pragma once
// A fixed-size complex FFT with its twiddles and bit-reversal table computed once: the
// watermark runs one forward and one inverse transform per 256 output samples, and the detector
// thousands per file, so the per-call setup of a general FFT would dominate.
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

namespace chorus::audio::watermark {

class FrameFft {
 public:
  explicit FrameFft(std::size_t size);  // size: a power of two >= 2

  std::size_t size() const { return size_; }
  // In place; inverse is unscaled (divide by size() to invert a forward transform).
  void forward(std::span<std::complex<float>> data) const { transform(data, false); }
  void inverse(std::span<std::complex<float>> data) const { transform(data, true); }

 private:
  void transform(std::span<std::complex<float>> data, bool inverse) const;

  std::size_t size_;
  std::vector<std::size_t> bit_reversed_;
  std::vector<std::complex<float>> twiddles_;  // exp(-2 pi i k / size), k < size / 2
};

}  // namespace chorus::audio::watermark
