#pragma once
#include <array>
#include <string_view>

namespace chorus {

// OpenAI's built-in voice names. They are language-neutral in chorus: each engine maps them to
// one of its own voices for the language being spoken.
inline constexpr std::array<std::string_view, 13> kOpenAiVoices{
    "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx",
    "nova", "sage", "shimmer", "verse", "marin", "cedar"};

inline bool is_openai_voice(std::string_view name) {
  for (auto voice : kOpenAiVoices) {
    if (voice == name) return true;
  }
  return false;
}

}  // namespace chorus
