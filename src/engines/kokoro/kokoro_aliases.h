#pragma once
// OpenAI voice names (alloy, nova, ...) -> Kokoro voices, per language.
#include <string>
#include <string_view>
#include <vector>

namespace chorus::kokoro {

// Picks a voice from `available` for an OpenAI name in a Kokoro language tag ("en-us", "es",
// ...): a fixed table for English, otherwise the alias's gender in that language, otherwise
// any voice of the language. Empty when the table has no voice of the language.
std::string voice_for_openai_name(std::string_view alias, std::string_view language,
                                   const std::vector<std::string>& available);

}  // namespace chorus::kokoro
