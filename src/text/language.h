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

// The 17 languages Coqui XTTS-v2 speaks, as primary subtags:
// en es fr de it pt pl tr ru nl cs ar zh ja hu ko hi.
const std::vector<std::string>& xtts_languages();
bool is_xtts_language(std::string_view tag);

// Characters per chunk XTTS-v2 handles without truncating audio (its tokenizer's per-language
// limits: en 250, de 253, fr 273, es 239, it 213, pt 203, pl 224, zh 82, ar 166, cs 186,
// ru 182, nl 251, tr 226, ja 71, hu 224, ko 95; hi has none upstream, 250 is its default).
// 250 for other languages.
std::size_t xtts_char_limit(std::string_view tag);

// English name of a primary subtag ("de" -> "German"), or the tag itself when unknown.
std::string_view language_name(std::string_view tag);

}  // namespace chorus
