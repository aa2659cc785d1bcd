#include "audio/voice_spectrum.h"

#include <algorithm>
#include <cmath>

#include "audio/voice_activity.h"
#include "audio/voice_fft.h"

namespace chorus::audio {
namespace {

constexpr double kFirstBandHz = 100.0;
constexpr int kBandsPerOctave = 6;
constexpr int kBandCount = 40;  // 100 Hz .. ~9 kHz: where speech timbre lives
constexpr double kFloorDb = 50.0;

}  // namespace

const std::vector<double>& ltas_band_centers() {
  static const std::vector<double> centers = [] {
    std::vector<double> out;
    for (int k = 0; k < kBandCount; ++k) {
      out.push_back(kFirstBandHz * std::pow(2.0, static_cast<double>(k) / kBandsPerOctave));
    }
    return out;
  }();
  return centers;
}

std::vector<float> long_term_spectrum(std::span<const float> samples, int rate) {
  // ~85 ms frames resolve 12 Hz: enough for the narrow low bands.
  const std::size_t size = next_power_of_two(static_cast<std::size_t>(0.085 * rate));
  const std::size_t hop = size / 2;
  const auto window = hann_window(size);
  ActivityOptions frame_options;
  frame_options.frame_seconds = static_cast<double>(hop) / rate;
  const Activity activity = measure_activity(samples, rate, frame_options);

  std::vector<double> sum(size / 2 + 1, 0.0);
  std::vector<float> frame(size), power;
  std::size_t used = 0;
  for (std::size_t start = 0; start + size <= samples.size(); start += hop) {
    // A frame counts when the hop it starts in and the one after are both speech.
    const std::size_t f = start / hop;
    if (f + 1 >= activity.active.size() || !activity.active[f] || !activity.active[f + 1]) continue;
    for (std::size_t i = 0; i < size; ++i) frame[i] = samples[start + i] * window[i];
    power_spectrum(frame, size, power);
    for (std::size_t k = 0; k < power.size(); ++k) sum[k] += power[k];
    ++used;
  }
  if (used == 0) return {};

  const double bin_hz = static_cast<double>(rate) / static_cast<double>(size);
  const double half_band = std::pow(2.0, 0.5 / kBandsPerOctave);
  std::vector<float> bands;
  for (double center : ltas_band_centers()) {
    double lo = center / half_band, hi = center * half_band;
    if (hi > rate / 2.0 && !bands.empty()) {
      bands.push_back(bands.back());
      continue;
    }
    auto first = static_cast<std::size_t>(std::ceil(lo / bin_hz));
    auto last = static_cast<std::size_t>(std::floor(hi / bin_hz));
    if (last < first) first = last = static_cast<std::size_t>(std::lround(center / bin_hz));
    last = std::min(last, sum.size() - 1);
    double energy = 0.0;
    for (std::size_t k = first; k <= last; ++k) energy += sum[k];
    energy /= static_cast<double>(last - first + 1) * static_cast<double>(used);
    bands.push_back(static_cast<float>(10.0 * std::log10(std::max(energy, 1e-12))));
  }
  // Bands more than kFloorDb under the loudest are "nothing here" (e.g. above a pitch-shifted
  // signal's bandwidth); flooring them keeps one empty band from dominating every comparison.
  const float top = *std::max_element(bands.begin(), bands.end());
  for (float& b : bands) b = std::max(b, top - static_cast<float>(kFloorDb));
  double mean = 0.0;
  for (float b : bands) mean += b;
  mean /= static_cast<double>(bands.size());
  for (float& b : bands) b = static_cast<float>(b - mean);
  return bands;
}

double spectrum_distance(std::span<const float> a, std::span<const float> b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n == 0) return 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double diff = static_cast<double>(a[i]) - b[i];
    sum += diff * diff;
  }
  return std::sqrt(sum / static_cast<double>(n));
}

}  // namespace chorus::audio
