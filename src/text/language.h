#pragma once
// Language tags as chorus uses them everywhere: lower-case BCP-47 ("en", "en-us", "pt-br").
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// "EN_us" -> "en-us", "zh-Hans" -> "zh", "pt-BR" -> "pt-br". Script subtags are dropped
// (engines choose voices by language and region, never by script). Returns nullopt for
// anything that is not a well-formed tag with a 2-3 letter primary subtag ("12", "english",
// "en--us", private-use "x-foo").
std::optional<std::string> normalize_language_tag(std::string_view tag);

// "pt-br" -> "pt"; the input is returned lower-cased when it has no subtags.
std::string primary_subtag(std::string_view tag);

// English name of a primary subtag ("de" -> "German"), or the tag itself when unknown.
std::string_view language_name(std::string_view tag);

}  // namespace chorus
