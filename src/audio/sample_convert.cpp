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
  const float* src = in.data();
  // Every output sample of every response passes here. Nearly all blocks lie below the limiter's
  // knee: checked a fixed-size block at a time (NaN fails the check), those convert without a
  // branch per sample, which the compiler turns into vector instructions. Below the knee the
  // result always fits, so no clamp is needed; rounding is half away from zero, as lround.
  constexpr std::size_t kBlock = 64;
  std::size_t i = 0;
  for (; i + kBlock <= in.size(); i += kBlock) {
    bool below_knee = true;
    for (std::size_t k = 0; k < kBlock; ++k) below_knee &= std::fabs(src[i + k]) <= kLimiterKnee;
    if (below_knee) {
      for (std::size_t k = 0; k < kBlock; ++k) {
        const float scaled = src[i + k] * 32767.0f;
        dst[i + k] = static_cast<int16_t>(static_cast<int32_t>(scaled + std::copysign(0.5f, scaled)));
      }
    } else {
      for (std::size_t k = 0; k < kBlock; ++k) dst[i + k] = to_s16(src[i + k]);
    }
  }
  for (; i < in.size(); ++i) dst[i] = to_s16(src[i]);
}

}  // namespace chorus::audio
