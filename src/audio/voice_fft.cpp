#include "audio/voice_fft.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace chorus::audio {

std::size_t next_power_of_two(std::size_t n) {
  std::size_t size = 1;
  while (size < n) size <<= 1;
  return size;
}

void fft_in_place(std::span<std::complex<float>> data, bool inverse) {
  const std::size_t n = data.size();
  if (n == 0 || (n & (n - 1)) != 0) throw std::invalid_argument("FFT size must be a power of 2");
  // Bit-reversal permutation, then butterflies of growing span.
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(data[i], data[j]);
  }
  const double sign = inverse ? 1.0 : -1.0;
  for (std::size_t len = 2; len <= n; len <<= 1) {
    // Twiddles in double: the recurrence would drift over the long transforms used for EQ design.
    const double angle = sign * 2.0 * std::numbers::pi / static_cast<double>(len);
    for (std::size_t k = 0; k < len / 2; ++k) {
      const std::complex<float> w(static_cast<float>(std::cos(angle * static_cast<double>(k))),
                                  static_cast<float>(std::sin(angle * static_cast<double>(k))));
      for (std::size_t start = 0; start < n; start += len) {
        auto& a = data[start + k];
        auto& b = data[start + k + len / 2];
        const std::complex<float> t = b * w;
        b = a - t;
        a = a + t;
      }
    }
  }
}

void power_spectrum(std::span<const float> frame, std::size_t fft_size, std::vector<float>& power) {
  std::vector<std::complex<float>> buffer(fft_size);
  for (std::size_t i = 0; i < frame.size() && i < fft_size; ++i) buffer[i] = frame[i];
  fft_in_place(buffer);
  power.resize(fft_size / 2 + 1);
  for (std::size_t k = 0; k < power.size(); ++k) power[k] = std::norm(buffer[k]);
}

std::vector<float> hann_window(std::size_t size) {
  std::vector<float> window(size);
  for (std::size_t i = 0; i < size; ++i) {
    window[i] = static_cast<float>(
        0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                             static_cast<double>(size)));
  }
  return window;
}

}  // namespace chorus::audio
