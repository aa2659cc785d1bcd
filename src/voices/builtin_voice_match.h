#pragma once
// Built-in voice matching, the cloning method when no cloning engine serves a language: pick the
// engine voice whose pitch is closest to the reference, then design the post-processing that
// bends it the rest of the way. Each candidate voice speaks a calibration passage once per
// process; designs are cached per (cloned voice, engine voice). Thread-safe.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audio/voice_analysis.h"
#include "audio/voice_match_profile.h"
#include "engines/engine.h"

namespace chorus::voices {

struct BuiltinMatch {
  VoiceInfo voice;
  std::shared_ptr<const audio::VoiceMatchProfile> profile;
};

class BuiltinVoiceMatcher {
 public:
  // `candidates` are the engine's voices for the language (e.g. its OpenAI-alias voices);
  // `cache_key` identifies the cloned voice (its id). Throws EngineError if calibration fails.
  BuiltinMatch match(const std::string& cache_key, const audio::VoiceAnalysis& reference,
                     Engine& engine, const std::vector<VoiceInfo>& candidates,
                     const std::string& language);

  // Drops the designs of a deleted voice.
  void forget(const std::string& cache_key);

 private:
  struct Calibration {
    std::vector<float> audio;  // engine's native rate
    int rate = 0;
    double f0_hz = 0.0;
  };
  const Calibration& calibration(Engine& engine, const VoiceInfo& voice,
                                 const std::string& language);

  std::mutex mutex_;
  std::map<std::string, Calibration> calibrations_;  // engine voice id + language
  std::map<std::string, BuiltinMatch> matches_;       // cache key + engine voice + language
};

}  // namespace chorus::voices
