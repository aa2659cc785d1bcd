#include "voices/reference_checks.h"

#include <algorithm>
#include <cmath>

#include "audio/voice_activity.h"

namespace chorus::voices {
namespace {

constexpr float kClipLevel = 0.98f;
constexpr double kTargetRmsDbfs = -20.0;
constexpr double kMaxPeakDbfs = -1.0;
constexpr double kMarginSeconds = 0.15;

}  // namespace

double clipped_fraction(std::span<const float> samples, int rate) {
  const audio::Activity activity = audio::measure_activity(samples, rate);
  std::size_t speech = 0, clipped = 0;
  for (std::size_t f = 0; f < activity.active.size(); ++f) {
    if (!activity.active[f]) continue;
    ++speech;
    int run = 0;
    for (std::size_t i = 0; i < activity.frame_samples; ++i) {
      run = std::abs(samples[f * activity.frame_samples + i]) >= kClipLevel ? run + 1 : 0;
      if (run >= 3) {
        ++clipped;
        break;
      }
    }
  }
  return speech ? static_cast<double>(clipped) / static_cast<double>(speech) : 0.0;
}

std::pair<std::size_t, std::size_t> speech_bounds(std::span<const float> samples, int rate) {
  const audio::Activity activity = audio::measure_activity(samples, rate);
  auto first = std::find(activity.active.begin(), activity.active.end(), true);
  if (first == activity.active.end()) return {0, 0};
  auto last = std::find(activity.active.rbegin(), activity.active.rend(), true);
  const auto margin = static_cast<std::size_t>(kMarginSeconds * rate);
  const std::size_t begin =
      static_cast<std::size_t>(first - activity.active.begin()) * activity.frame_samples;
  const std::size_t end =
      static_cast<std::size_t>(activity.active.rend() - last) * activity.frame_samples;
  return {begin > margin ? begin - margin : 0, std::min(samples.size(), end + margin)};
}

std::size_t best_window_start(std::span<const float> samples, int rate, double window_seconds) {
  const audio::Activity activity = audio::measure_activity(samples, rate);
  const auto window = static_cast<std::size_t>(window_seconds * rate) / activity.frame_samples;
  if (window >= activity.active.size()) return 0;
  // Sliding count of active frames; ties keep the earliest window.
  std::size_t count = static_cast<std::size_t>(
      std::count(activity.active.begin(), activity.active.begin() + window, true));
  std::size_t best = count, best_start = 0;
  for (std::size_t start = 1; start + window <= activity.active.size(); ++start) {
    count += activity.active[start + window - 1] ? 1 : 0;
    count -= activity.active[start - 1] ? 1 : 0;
    if (count > best) best = count, best_start = start;
  }
  return best_start * activity.frame_samples;
}

void normalize_speech_level(std::vector<float>& samples, int rate) {
  const double rms = audio::active_rms(samples, rate);
  if (rms <= 0.0) return;
  float peak = 0.0f;
  for (float x : samples) peak = std::max(peak, std::abs(x));
  double gain = std::pow(10.0, kTargetRmsDbfs / 20.0) / rms;
  if (peak > 0.0f) gain = std::min(gain, std::pow(10.0, kMaxPeakDbfs / 20.0) / peak);
  for (float& x : samples) x = static_cast<float>(x * gain);
}

}  // namespace chorus::voices
