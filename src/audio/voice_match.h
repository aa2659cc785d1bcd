#pragma once
// Applies a VoiceMatchProfile to a built-in voice's output: pitch shift with formant control and
// tempo (librubberband, real-time mode so audio streams), then the colour-matching EQ.
// Works chunk by chunk like the rest of post-processing; one instance per stream, not thread-safe.
#include <memory>
#include <span>
#include <vector>

#include "audio/voice_eq.h"
#include "audio/voice_match_profile.h"

namespace chorus::audio {

class VoiceMatcher {
 public:
  VoiceMatcher(const VoiceMatchProfile& profile, int sample_rate);
  ~VoiceMatcher();
  VoiceMatcher(const VoiceMatcher&) = delete;
  VoiceMatcher& operator=(const VoiceMatcher&) = delete;

  // Appends what is ready; the stretcher holds back some audio until end_chunk().
  void process(std::span<const float> in, std::vector<float>& out);
  // Drains the current chunk completely and resets for the next one.
  void end_chunk(std::vector<float>& out);

  // Convenience for analysis and tests: one whole signal in, its matched version out.
  std::vector<float> run(std::span<const float> in);

 private:
  struct Stretcher;
  // Moves ready output through the EQ into `out`, at most up to `limit` samples this chunk.
  void retrieve(std::vector<float>& out, std::size_t limit);
  void feed(const float* data, std::size_t count);

  std::unique_ptr<Stretcher> stretcher_;
  VoiceEq eq_;
  bool started_ = false;      // the current chunk has been primed with the start pad
  std::size_t to_drop_ = 0;   // stretcher start delay still to discard
  std::size_t fed_ = 0;       // input samples of the current chunk
  std::size_t produced_ = 0;  // output samples of the current chunk
  double time_ratio_ = 1.0;
  std::vector<float> shifted_;
};

}  // namespace chorus::audio
