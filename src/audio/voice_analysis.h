#pragma once
// What chorus knows about a voice from a recording of it: pitch (median and range), speaking
// rate and long-term spectrum. Used to describe cloned voices and to match built-in voices to them.
#include <span>
#include <vector>

namespace chorus::audio {

struct VoiceAnalysis {
  double duration_seconds = 0.0;
  double speech_seconds = 0.0;     // active frames
  double f0_median_hz = 0.0;       // 0 when no voiced speech was found
  double f0_low_hz = 0.0;          // 10th percentile
  double f0_high_hz = 0.0;         // 90th percentile
  double speaking_rate = 0.0;      // syllable-like level peaks per second of speech
  std::vector<float> ltas_db;      // long_term_spectrum() bands
};

VoiceAnalysis analyze_voice(std::span<const float> samples, int rate);

// Syllable nuclei per second of speech: local level maxima that rise at least 3 dB above the
// dips around them, counted over the active frames only.
double estimate_speaking_rate(std::span<const float> samples, int rate);

}  // namespace chorus::audio
