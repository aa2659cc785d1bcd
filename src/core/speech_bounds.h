#pragma once
// The range of `speed` a speech request may ask for, the same wherever a request comes from
// (HTTP, `chorus say`, cache warm-up phrases) and wherever speed is applied afterwards.
#include <cstdio>
#include <string>

namespace chorus {

inline constexpr double kMinSpeechSpeed = 0.25;
inline constexpr double kMaxSpeechSpeed = 4.0;

// "0.25 to 4" for messages.
inline std::string speech_speed_range_text() {
  char text[48];
  std::snprintf(text, sizeof text, "%g to %g", kMinSpeechSpeed, kMaxSpeechSpeed);
  return text;
}

}  // namespace chorus
