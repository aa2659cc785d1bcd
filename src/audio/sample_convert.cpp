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
  const std::size_t start = out.size();
  out.resize(start + in.size());
  int16_t* dst = out.data() + start;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const float x = in[i];
    if (std::fabs(x) <= kLimiterKnee) {
      // Nearly every sample takes this path, once per output sample of every response: rounding
      // half away from zero by hand (as lround does) compiles to inline instructions, where
      // lround is a library call. Below the knee the result always fits, so no clamp is needed.
      const float scaled = x * 32767.0f;
      dst[i] = static_cast<int16_t>(scaled + (scaled >= 0.0f ? 0.5f : -0.5f));
    } else {
      dst[i] = to_s16(x);  // limiter, NaN and infinities
    }
  }
}

}  // namespace chorus::audio
