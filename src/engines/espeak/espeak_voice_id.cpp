#include "engines/espeak/espeak_voice_id.h"

#include "engines/espeak/espeak_voice_catalog.h"

namespace chorus {

std::optional<EspeakVoiceId> parse_espeak_voice_id(std::string_view id) {
  const std::string lower = ascii_lower(id);
  if (!std::string_view(lower).starts_with(kEspeakVoicePrefix)) return std::nullopt;
  std::string_view rest = std::string_view(lower).substr(kEspeakVoicePrefix.size());
  EspeakVoiceId parsed;
  const auto plus = rest.find('+');
  if (plus == std::string_view::npos) {
    parsed.voice = rest;
  } else {
    parsed.voice = rest.substr(0, plus);
    parsed.variant = rest.substr(plus + 1);
    if (parsed.variant.empty() || parsed.variant.find('+') != std::string::npos) return std::nullopt;
  }
  if (parsed.voice.empty()) return std::nullopt;
  return parsed;
}

std::string format_espeak_voice_id(std::string_view voice, std::string_view variant) {
  std::string id(kEspeakVoicePrefix);
  id += voice;
  if (!variant.empty()) {
    id += '+';
    id += variant;
  }
  return id;
}

}  // namespace chorus
