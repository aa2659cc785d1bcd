#include "voices/builtin_voice_match.h"

#include <spdlog/spdlog.h>

#include <cmath>
#include <limits>

#include "audio/pitch_tracker.h"
#include "audio/voice_match_design.h"
#include "core/api_error.h"
#include "core/cancel_token.h"

namespace chorus::voices {
namespace {

// Phonetically varied and long enough (~12 s) for a stable F0 median and long-term spectrum.
constexpr const char* kCalibrationText =
    "The quick brown fox jumps over the lazy dog. She sells sea shells by the sea shore, "
    "while a rainbow appears after the summer rain. Please call Stella and ask her to bring "
    "these things with her from the store: six spoons of fresh snow peas and a big toy frog.";

// Female and male speaking voices overlap little around here; it only narrows the search.
constexpr double kGenderSplitHz = 160.0;

std::string gender_for(double f0) {
  if (f0 <= 0.0) return {};
  return f0 >= kGenderSplitHz ? "female" : "male";
}

}  // namespace

const BuiltinVoiceMatcher::Calibration& BuiltinVoiceMatcher::calibration(
    Engine& engine, const VoiceInfo& voice, const std::string& language) {
  const std::string key = voice.id + "|" + language;
  if (auto it = calibrations_.find(key); it != calibrations_.end()) return it->second;
  Calibration cal;
  cal.rate = engine.info().sample_rate;
  CancelToken never;
  SynthesisRequest request{kCalibrationText, voice.id, language, 1.0f, nullptr, {}, nullptr};
  engine.synthesize(
      request,
      [&cal](std::span<const float> samples) {
        cal.audio.insert(cal.audio.end(), samples.begin(), samples.end());
        return true;
      },
      never);
  cal.f0_hz = audio::pitch_stats(audio::track_pitch(cal.audio, cal.rate)).median_hz;
  return calibrations_.emplace(key, std::move(cal)).first->second;
}

BuiltinMatch BuiltinVoiceMatcher::match(const std::string& cache_key,
                                        const audio::VoiceAnalysis& reference, Engine& engine,
                                        const std::vector<VoiceInfo>& candidates,
                                        const std::string& language) {
  if (candidates.empty()) throw EngineError("no built-in voice to match");
  std::unique_lock lock(mutex_);
  // Same-gender candidates first (when genders are known); among them the closest pitch, so
  // the shift stays small and the voice keeps its naturalness.
  const std::string gender = gender_for(reference.f0_median_hz);
  std::vector<const VoiceInfo*> pool;
  for (const auto& voice : candidates) {
    if (!gender.empty() && voice.gender == gender) pool.push_back(&voice);
  }
  if (pool.empty()) {
    for (const auto& voice : candidates) pool.push_back(&voice);
  }
  const VoiceInfo* best = pool.front();
  if (reference.f0_median_hz > 0.0) {
    double best_distance = std::numeric_limits<double>::max();
    for (const VoiceInfo* voice : pool) {
      const double f0 = calibration(engine, *voice, language).f0_hz;
      if (f0 <= 0.0) continue;
      const double distance = std::abs(std::log(reference.f0_median_hz / f0));
      if (distance < best_distance) best_distance = distance, best = voice;
    }
  }

  const std::string key = cache_key + "|" + best->id + "|" + language;
  if (auto it = matches_.find(key); it != matches_.end()) return it->second;
  // Calibrations are never removed and map nodes do not move: the reference stays valid.
  const Calibration& cal = calibration(engine, *best, language);
  // The design takes seconds (pitch, formant and EQ fitting): other clones must not wait for
  // it. Two identical requests may both design; the first stored result wins.
  lock.unlock();
  const audio::VoiceMatchDesign design =
      audio::design_voice_match(reference, cal.audio, cal.rate, best->id);
  spdlog::info(
      "voice match {} -> {}: F0 {:.0f} -> {:.0f} Hz (reference {:.0f}), spectrum distance "
      "{:.1f} -> {:.1f} dB",
      cache_key, best->id, design.f0_before_hz, design.f0_after_hz, reference.f0_median_hz,
      design.distance_before_db, design.distance_after_db);
  BuiltinMatch result{*best, std::make_shared<const audio::VoiceMatchProfile>(design.profile)};
  lock.lock();
  return matches_.emplace(key, std::move(result)).first->second;
}

void BuiltinVoiceMatcher::forget(const std::string& cache_key) {
  std::lock_guard lock(mutex_);
  const std::string prefix = cache_key + "|";
  for (auto it = matches_.begin(); it != matches_.end();) {
    it = it->first.rfind(prefix, 0) == 0 ? matches_.erase(it) : std::next(it);
  }
}

}  // namespace chorus::voices
