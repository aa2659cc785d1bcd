#pragma once
// Shared helpers for the espeak tests: one engine per process (espeak initializes once anyway)
// and a synthesis wrapper collecting all samples.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "engines/espeak/espeak_engine.h"

namespace chorus::testing {

inline EspeakEngine& shared_engine() {
  static EspeakEngine engine{EspeakConfig{}};
  return engine;
}

inline SynthesisRequest make_request(std::string text, std::string voice_id,
                                     std::string language = "en", float speed = 1.0f) {
  SynthesisRequest request;
  request.text = std::move(text);
  request.voice_id = std::move(voice_id);
  request.language = std::move(language);
  request.speed = speed;
  return request;
}

struct Synthesis {
  std::vector<float> samples;
  int sink_calls = 0;
  double seconds(int rate) const { return static_cast<double>(samples.size()) / rate; }
};

inline Synthesis synthesize(EspeakEngine& engine, const std::string& voice_id,
                            const std::string& text, float speed = 1.0f) {
  Synthesis out;
  SynthesisRequest request;
  request.text = text;
  request.voice_id = voice_id;
  request.speed = speed;
  CancelToken cancel;
  engine.synthesize(request, [&](std::span<const float> pcm) {
    out.samples.insert(out.samples.end(), pcm.begin(), pcm.end());
    ++out.sink_calls;
    return true;
  }, cancel);
  return out;
}

inline double rms(const std::vector<float>& samples) {
  if (samples.empty()) return 0.0;
  double sum = 0.0;
  for (float s : samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(samples.size()));
}

// Unicode code points in UTF-8 text (continuation bytes are not counted).
inline std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace chorus::testing
