#pragma once
// Turns an uploaded voice sample into the reference a cloned voice keeps: decoded, downmixed,
// resampled to 24 kHz, checked (speech length, silence, clipping), trimmed of leading and
// trailing silence, cut to its best 30 s, and brought to a standard speech level. Every reason
// to refuse a recording is an ApiError with its own code, naming the form field.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "audio/voice_analysis.h"

namespace chorus::voices {

struct ReferenceLimits {
  std::size_t max_bytes = 10 << 20;   // 413 above this (OpenAI's audio_sample limit)
  double min_speech_seconds = 3.0;    // of active speech, after trimming
  double max_input_seconds = 300.0;   // longer uploads are refused
  double keep_seconds = 30.0;         // longer ones keep their best window
  std::string field = "audio_sample"; // form field named in errors
};

struct ProcessedReference {
  std::vector<float> audio;  // mono float at sample_rate
  int sample_rate = 24000;
  audio::VoiceAnalysis analysis;
  double original_seconds = 0.0;  // decoded length before trimming
};

ProcessedReference process_reference_audio(std::string_view bytes, const ReferenceLimits& limits);

}  // namespace chorus::voices
