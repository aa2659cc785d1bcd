#pragma once
// OpenAI voice names (alloy, nova, ...) as espeak voice variants, kept as a data table.
#include <optional>
#include <span>
#include <string_view>

namespace chorus {

struct EspeakAlias {
  std::string_view alias;          // OpenAI voice name, lower-case
  std::string_view gender;         // "female" or "male": picks the fallback variant
  std::string_view variant;        // EspeakVariant::id giving this alias its own timbre
  std::string_view english_voice;  // base voice for plain "en"/"en-gb" requests; empty = default
};

// All OpenAI voice names, in OpenAI's documentation order.
std::span<const EspeakAlias> espeak_aliases();

// Case-insensitive lookup; nullopt for names OpenAI does not define.
std::optional<EspeakAlias> find_espeak_alias(std::string_view alias);

}  // namespace chorus
