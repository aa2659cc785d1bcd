#pragma once
// Voice ids of the espeak engine: "espeak:<voice>" or "espeak:<voice>+<variant>",
// e.g. "espeak:en-us", "espeak:fr-fr+f3". Ids are lower-case.
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

inline constexpr std::string_view kEspeakVoicePrefix = "espeak:";

struct EspeakVoiceId {
  std::string voice;    // lower-case voice name or language tag ("fr-fr", "fr")
  std::string variant;  // lower-case variant id, empty for the plain voice
};

// Splits an id; nullopt when the prefix is missing or a part is empty ("espeak:", "espeak:fr+").
std::optional<EspeakVoiceId> parse_espeak_voice_id(std::string_view id);

std::string format_espeak_voice_id(std::string_view voice, std::string_view variant);

}  // namespace chorus
