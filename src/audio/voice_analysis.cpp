#include "audio/voice_analysis.h"

#include <algorithm>

#include "audio/pitch_tracker.h"
#include "audio/voice_activity.h"
#include "audio/voice_spectrum.h"

namespace chorus::audio {

double estimate_speaking_rate(std::span<const float> samples, int rate) {
  const Activity activity = measure_activity(samples, rate, {0.01, 35.0, -55.0});
  const double speech = activity.active_seconds(rate);
  if (speech <= 0.0) return 0.0;
  // Smooth the 10 ms levels over 50 ms so one syllable gives one peak.
  const auto& raw = activity.level_db;
  std::vector<float> level(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    double sum = 0.0;
    int n = 0;
    for (std::size_t j = i >= 2 ? i - 2 : 0; j <= i + 2 && j < raw.size(); ++j, ++n) sum += raw[j];
    level[i] = static_cast<float>(sum / n);
  }
  constexpr std::size_t kReach = 8;  // 80 ms either side: syllables are rarely closer
  std::size_t peaks = 0;
  for (std::size_t i = 0; i < level.size(); ++i) {
    if (!activity.active[i]) continue;
    const std::size_t lo = i >= kReach ? i - kReach : 0;
    const std::size_t hi = std::min(level.size() - 1, i + kReach);
    bool is_max = true;
    float left_min = level[i], right_min = level[i];
    for (std::size_t j = lo; j <= hi && is_max; ++j) {
      if (j != i && (level[j] > level[i] || (level[j] == level[i] && j < i))) is_max = false;
      if (j < i) left_min = std::min(left_min, level[j]);
      if (j > i) right_min = std::min(right_min, level[j]);
    }
    if (is_max && level[i] - std::max(left_min, right_min) >= 3.0f) ++peaks;
  }
  return static_cast<double>(peaks) / speech;
}

VoiceAnalysis analyze_voice(std::span<const float> samples, int rate) {
  VoiceAnalysis analysis;
  analysis.duration_seconds = static_cast<double>(samples.size()) / rate;
  analysis.speech_seconds = measure_activity(samples, rate).active_seconds(rate);
  const PitchStats pitch = pitch_stats(track_pitch(samples, rate));
  analysis.f0_median_hz = pitch.median_hz;
  analysis.f0_low_hz = pitch.low_hz;
  analysis.f0_high_hz = pitch.high_hz;
  analysis.speaking_rate = estimate_speaking_rate(samples, rate);
  analysis.ltas_db = long_term_spectrum(samples, rate);
  return analysis;
}

}  // namespace chorus::audio
