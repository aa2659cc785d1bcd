#include "audio/watermark/frame_fft.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace chorus::audio::watermark {

FrameFft::FrameFft(std::size_t size) : size_(size) {
  if (size < 2 || (size & (size - 1)) != 0) {
    throw std::invalid_argument("FFT size must be a power of 2");
  }
  bit_reversed_.resize(size);
  std::size_t bits = 0;
  while ((std::size_t{1} << bits) < size) ++bits;
  for (std::size_t i = 0; i < size; ++i) {
    std::size_t r = 0;
    for (std::size_t b = 0; b < bits; ++b) r |= ((i >> b) & 1u) << (bits - 1 - b);
    bit_reversed_[i] = r;
  }
  twiddles_.resize(size / 2);
  for (std::size_t k = 0; k < size / 2; ++k) {
    const double angle = -2.0 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(size);
    twiddles_[k] = {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
  }
}

void FrameFft::transform(std::span<std::complex<float>> data, bool inverse) const {
  if (data.size() != size_) throw std::invalid_argument("FFT input has the wrong size");
  for (std::size_t i = 0; i < size_; ++i) {
    if (i < bit_reversed_[i]) std::swap(data[i], data[bit_reversed_[i]]);
  }
  for (std::size_t len = 2; len <= size_; len <<= 1) {
    const std::size_t half = len / 2;
    const std::size_t stride = size_ / len;
    for (std::size_t start = 0; start < size_; start += len) {
      for (std::size_t k = 0; k < half; ++k) {
        std::complex<float> w = twiddles_[k * stride];
        if (inverse) w = std::conj(w);
        auto& a = data[start + k];
        auto& b = data[start + k + half];
        const std::complex<float> t = b * w;
        b = a - t;
        a = a + t;
      }
    }
  }
}

}  // namespace chorus::audio::watermark
