#include "audio/pitch_tracker.h"

#include <algorithm>
#include <cmath>

#include "audio/resampler.h"
#include "audio/voice_activity.h"

namespace chorus::audio {
namespace {

constexpr int kAnalysisRate = 12000;

// Period in samples (fractional) of one frame, or 0 when the frame is not periodic enough.
double frame_period(const float* x, std::size_t window, std::size_t min_lag, std::size_t max_lag,
                    const PitchOptions& options, std::vector<double>& d) {
  d.assign(max_lag + 2, 0.0);
  for (std::size_t lag = 1; lag <= max_lag + 1; ++lag) {
    double sum = 0.0;
    for (std::size_t j = 0; j < window; ++j) {
      const double diff = static_cast<double>(x[j]) - x[j + lag];
      sum += diff * diff;
    }
    d[lag] = sum;
  }
  // Cumulative mean normalization: removes the dip at lag 0 and makes the threshold scale-free.
  double running = 0.0;
  d[0] = 1.0;
  for (std::size_t lag = 1; lag < d.size(); ++lag) {
    running += d[lag];
    d[lag] = running > 0.0 ? d[lag] * static_cast<double>(lag) / running : 1.0;
  }
  std::size_t best = 0;
  for (std::size_t lag = min_lag; lag <= max_lag; ++lag) {
    if (d[lag] < options.threshold) {
      while (lag + 1 <= max_lag && d[lag + 1] < d[lag]) ++lag;
      best = lag;
      break;
    }
  }
  if (best == 0) {
    // No dip under the threshold: accept the deepest one only if it is still clearly periodic.
    best = min_lag;
    for (std::size_t lag = min_lag; lag <= max_lag; ++lag) {
      if (d[lag] < d[best]) best = lag;
    }
    if (d[best] > options.voiced_max) return 0.0;
  }
  // Parabolic interpolation between the neighbouring lags for sub-sample precision.
  const double a = d[best - 1], b = d[best], c = d[best + 1];
  const double denom = a - 2.0 * b + c;
  double shift = denom > 1e-12 ? 0.5 * (a - c) / denom : 0.0;
  return static_cast<double>(best) + std::clamp(shift, -0.5, 0.5);
}

// Removes isolated octave jumps: a frame that differs from the median of its 5 neighbours by
// more than a fifth takes that median.
void smooth_track(std::vector<float>& f0) {
  std::vector<float> out = f0;
  for (std::size_t i = 0; i < f0.size(); ++i) {
    if (f0[i] <= 0.0f) continue;
    std::vector<float> around;
    for (std::size_t j = i >= 2 ? i - 2 : 0; j <= i + 2 && j < f0.size(); ++j) {
      if (f0[j] > 0.0f) around.push_back(f0[j]);
    }
    if (around.size() < 3) continue;
    const double median = quantile(around, 0.5);
    if (std::abs(std::log2(f0[i] / median)) > 0.32) out[i] = static_cast<float>(median);
  }
  f0.swap(out);
}

}  // namespace

PitchTrack track_pitch(std::span<const float> samples, int rate, PitchOptions options) {
  PitchTrack track;
  track.hop_seconds = options.hop_seconds;
  std::vector<float> x;
  Resampler resampler(rate, kAnalysisRate);
  resampler.process(samples, x);
  resampler.drain(x);

  const auto min_lag = static_cast<std::size_t>(std::floor(kAnalysisRate / options.max_hz));
  const auto max_lag = static_cast<std::size_t>(std::ceil(kAnalysisRate / options.min_hz));
  const std::size_t window = max_lag;  // one longest period: enough for a stable difference
  const auto hop = static_cast<std::size_t>(options.hop_seconds * kAnalysisRate);
  if (x.size() < window + max_lag + 2 || hop == 0) return track;

  // Frames far below the speech level are skipped: YIN finds "periods" in hum and room noise.
  Activity activity = measure_activity(x, kAnalysisRate, {options.hop_seconds, 40.0, -60.0});
  std::vector<double> scratch;
  for (std::size_t start = 0; start + window + max_lag + 2 <= x.size(); start += hop) {
    const std::size_t frame = start / activity.frame_samples;
    bool loud = frame < activity.active.size() && activity.active[frame];
    double period =
        loud ? frame_period(x.data() + start, window, min_lag, max_lag, options, scratch) : 0.0;
    track.f0_hz.push_back(period > 0.0 ? static_cast<float>(kAnalysisRate / period) : 0.0f);
  }
  smooth_track(track.f0_hz);
  return track;
}

PitchStats pitch_stats(const PitchTrack& track) {
  std::vector<float> voiced;
  for (float f : track.f0_hz) {
    if (f > 0.0f) voiced.push_back(f);
  }
  PitchStats stats;
  if (voiced.empty()) return stats;
  stats.median_hz = quantile(voiced, 0.5);
  stats.low_hz = quantile(voiced, 0.1);
  stats.high_hz = quantile(voiced, 0.9);
  stats.voiced_seconds = static_cast<double>(voiced.size()) * track.hop_seconds;
  return stats;
}

}  // namespace chorus::audio
