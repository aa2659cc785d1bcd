#pragma once
// Designs a VoiceMatchProfile: given the reference's analysis and a sample of the built-in voice
// (a calibration sentence it spoke), find the pitch, formant, tempo and EQ settings that bring
// the sample closest to the reference, checking each step on the sample itself.
#include <span>
#include <string>

#include "audio/voice_analysis.h"
#include "audio/voice_match_profile.h"

namespace chorus::audio {

struct VoiceMatchDesign {
  VoiceMatchProfile profile;
  double f0_before_hz = 0.0;         // sample's median F0
  double f0_after_hz = 0.0;          // matched sample's median F0
  double distance_before_db = 0.0;   // LTAS distance of the sample to the reference
  double distance_after_db = 0.0;    // of the matched sample
};

VoiceMatchDesign design_voice_match(const VoiceAnalysis& reference,
                                    std::span<const float> voice_sample, int rate,
                                    std::string source_voice = {});

}  // namespace chorus::audio
