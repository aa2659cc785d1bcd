#pragma once
// A complex FFT of one size and direction, on FFmpeg's libavutil transforms (av_tx): set up once,
// run many times, SIMD where the CPU has it. Not thread-safe: one per thread or per owner.
#include <complex>
#include <cstddef>
#include <span>

struct AVTXContext;

namespace chorus {

class Fft {
 public:
  // size: a power of two >= 2. The inverse is unscaled (divide by size to invert a forward
  // transform). Throws std::invalid_argument for a bad size, std::runtime_error if libavutil
  // cannot set it up.
  Fft(std::size_t size, bool inverse);
  ~Fft();
  Fft(const Fft&) = delete;
  Fft& operator=(const Fft&) = delete;

  std::size_t size() const { return size_; }
  // In place; data.size() must be size().
  void run(std::span<std::complex<float>> data) const;

 private:
  std::size_t size_;
  AVTXContext* context_ = nullptr;
  void (*transform_)(AVTXContext*, void*, void*, std::ptrdiff_t) = nullptr;
};

}  // namespace chorus
