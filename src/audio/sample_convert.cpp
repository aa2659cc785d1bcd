#include "audio/sample_convert.h"

#include <algorithm>
#include <cmath>

namespace chorus::audio {

float soft_limit(float x) {
  if (std::isnan(x)) return 0.0f;
  const float magnitude = std::fabs(x);
  if (magnitude <= kLimiterKnee) return x;
  // Slope 1 at the knee keeps the transition inaudible; tanh never exceeds 1, even for inf.
  constexpr float kHeadroom = 1.0f - kLimiterKnee;
  const float bent = kLimiterKnee + kHeadroom * std::tanh((magnitude - kLimiterKnee) / kHeadroom);
  return std::copysign(bent, x);
}

int16_t to_s16(float x) {
  // Symmetric scale: -32768 is never produced, so negating a sample can never overflow.
  const long v = std::lround(soft_limit(x) * 32767.0f);
  return static_cast<int16_t>(std::clamp(v, -32767L, 32767L));
}

void append_s16(std::span<const float> in, std::vector<int16_t>& out) {
  out.reserve(out.size() + in.size());
  for (float x : in) out.push_back(to_s16(x));
}

}  // namespace chorus::audio
