#include "audio/voice_activity.h"

#include <algorithm>
#include <cmath>

namespace chorus::audio {

std::size_t Activity::active_count() const {
  return static_cast<std::size_t>(std::count(active.begin(), active.end(), true));
}

double Activity::active_seconds(int rate) const {
  return static_cast<double>(active_count() * frame_samples) / rate;
}

double quantile(std::vector<float> values, double q) {
  if (values.empty()) return 0.0;
  const auto index = static_cast<std::size_t>(
      std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                   values.end());
  return values[index];
}

Activity measure_activity(std::span<const float> samples, int rate, ActivityOptions options) {
  Activity activity;
  activity.frame_samples =
      std::max<std::size_t>(1, static_cast<std::size_t>(options.frame_seconds * rate));
  const std::size_t frames = samples.size() / activity.frame_samples;
  activity.level_db.reserve(frames);
  for (std::size_t f = 0; f < frames; ++f) {
    double energy = 0.0;
    for (std::size_t i = 0; i < activity.frame_samples; ++i) {
      const double x = samples[f * activity.frame_samples + i];
      energy += x * x;
    }
    const double rms = std::sqrt(energy / static_cast<double>(activity.frame_samples));
    activity.level_db.push_back(static_cast<float>(20.0 * std::log10(std::max(rms, 1e-6))));
  }
  // The 95th percentile, not the maximum: one click must not make the speech look quiet.
  activity.reference_db = quantile(activity.level_db, 0.95);
  const double threshold = std::max(options.floor_dbfs, activity.reference_db - options.margin_db);
  activity.active.reserve(frames);
  for (float level : activity.level_db) activity.active.push_back(level > threshold);
  return activity;
}

double active_rms(std::span<const float> samples, int rate) {
  const Activity activity = measure_activity(samples, rate);
  double energy = 0.0;
  std::size_t n = 0;
  for (std::size_t f = 0; f < activity.active.size(); ++f) {
    if (!activity.active[f]) continue;
    for (std::size_t i = 0; i < activity.frame_samples; ++i) {
      const double x = samples[f * activity.frame_samples + i];
      energy += x * x;
    }
    n += activity.frame_samples;
  }
  return n ? std::sqrt(energy / static_cast<double>(n)) : 0.0;
}

}  // namespace chorus::audio
