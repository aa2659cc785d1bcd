#pragma once
// How to bend a built-in voice towards a cloned voice's reference: designed once per
// (cloned voice, built-in voice) by voice_match_design, applied per stream by VoiceMatcher.
#include <string>
#include <vector>

namespace chorus::audio {

struct VoiceMatchProfile {
  double pitch_scale = 1.0;    // frequency ratio of the pitch shift
  double formant_scale = 1.0;  // extra scale of the spectral envelope (1 = formants kept)
  double time_ratio = 1.0;     // output/input duration (>1 = slower), towards the speaking rate
  std::vector<float> eq_gain_db;  // per ltas_band_centers() band, applied after the shift
  double output_gain_db = 0.0;    // keeps the loudness the EQ would otherwise change
  std::string source_voice;       // the built-in voice it was designed for
};

}  // namespace chorus::audio
