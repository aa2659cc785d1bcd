#pragma once
// FFTs of one size on FFmpeg's libavutil transforms (av_tx): set up once, run many times, SIMD
// where the CPU has it. Each owns aligned working buffers: libavutil's SIMD code needs them, and
// with AV_TX_UNALIGNED (any caller's buffer) a 512-point transform took four to five times as
// long. Not thread-safe: one per thread or per owner.
#include <complex>
#include <cstddef>
#include <span>

struct AVTXContext;

namespace chorus {

// A complex FFT of one size and direction.
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
  std::complex<float>* in_ = nullptr;
  std::complex<float>* out_ = nullptr;
};

// The DFT of a real signal, both ways: size() samples <-> size() / 2 + 1 bins (the others mirror
// them), in the buffers it owns.
class RealFft {
 public:
  // size: a power of two >= 4. Throws as Fft does.
  explicit RealFft(std::size_t size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return size_; }
  std::span<float> samples() { return {samples_, size_}; }
  std::span<std::complex<float>> bins() { return {bins_, size_ / 2 + 1}; }

  // samples() -> bins(); samples() are kept.
  void forward();
  // bins() -> samples(), unscaled (size() times the signal of a forward transform); bins() are
  // overwritten.
  void inverse();

 private:
  std::size_t size_;
  AVTXContext* forward_ = nullptr;
  AVTXContext* inverse_ = nullptr;
  void (*forward_fn_)(AVTXContext*, void*, void*, std::ptrdiff_t) = nullptr;
  void (*inverse_fn_)(AVTXContext*, void*, void*, std::ptrdiff_t) = nullptr;
  float* samples_ = nullptr;
  std::complex<float>* bins_ = nullptr;
};

}  // namespace chorus
