#pragma once
// Float [-1, 1] to 16-bit PCM without the harsh failure modes of a plain cast: peaks above the
// knee are bent smoothly towards full scale instead of wrapping or hard-clipping, and NaN (a
// misbehaving model) becomes silence.
#include <cstdint>
#include <span>
#include <vector>

namespace chorus::audio {

// Magnitude where the limiter starts bending; below it samples pass unchanged.
inline constexpr float kLimiterKnee = 0.95f;

// Maps any float to [-1, 1]: identity up to the knee, then a tanh curve that approaches 1.
float soft_limit(float x);

int16_t to_s16(float x);

// Appends the converted samples to `out`.
void append_s16(std::span<const float> in, std::vector<int16_t>& out);

}  // namespace chorus::audio
