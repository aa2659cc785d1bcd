#include "engines/espeak/espeak_voice_aliases.h"

#include <array>

#include "engines/espeak/espeak_voice_catalog.h"

namespace chorus {
namespace {

// Genders follow how the OpenAI voices are commonly perceived. The variants spread the aliases
// over espeak's stock female (f1..f5) and male (m1..m7) variants so no two aliases of the same
// gender sound alike where espeak has enough variants. fable is the British-sounding voice.
constexpr std::array<EspeakAlias, 13> kAliases{{
    {"alloy", "female", "f2", ""},
    {"ash", "male", "m3", ""},
    {"ballad", "male", "m6", ""},
    {"coral", "female", "f3", ""},
    {"echo", "male", "m2", ""},
    {"fable", "male", "m1", "en-gb-x-rp"},
    {"onyx", "male", "m7", ""},
    {"nova", "female", "f4", ""},
    {"sage", "female", "f1", ""},
    {"shimmer", "female", "f5", ""},
    {"verse", "male", "m4", ""},
    {"marin", "female", "andrea", ""},
    {"cedar", "male", "m5", ""},
}};

}  // namespace

std::span<const EspeakAlias> espeak_aliases() { return kAliases; }

std::optional<EspeakAlias> find_espeak_alias(std::string_view alias) {
  const std::string key = ascii_lower(alias);
  for (const auto& entry : kAliases) {
    if (entry.alias == key) return entry;
  }
  return std::nullopt;
}

}  // namespace chorus
