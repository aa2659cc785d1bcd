#include "audio/voice_fft.h"

#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <utility>

#include "core/fft.h"

namespace chorus::audio {

std::size_t next_power_of_two(std::size_t n) {
  std::size_t size = 1;
  while (size < n) size <<= 1;
  return size;
}

void fft_in_place(std::span<std::complex<float>> data, bool inverse) {
  // Analysis and EQ design use a handful of sizes: each thread keeps its transforms.
  thread_local std::map<std::pair<std::size_t, bool>, std::unique_ptr<Fft>> transforms;
  auto& transform = transforms[{data.size(), inverse}];
  if (!transform) transform = std::make_unique<Fft>(data.size(), inverse);
  transform->run(data);
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
