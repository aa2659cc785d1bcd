#pragma once
// Maps language tags (BCP-47 / ISO 639-1, any case, '-' or '_') to espeak voices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engines/espeak/espeak_voice_catalog.h"

namespace chorus {

// Lower-cases and turns '_' into '-' ("pt_BR" -> "pt-br").
std::string canonical_espeak_tag(std::string_view tag);

// The catalog voice name (EspeakVoice::name) that should speak `tag`, or nullopt.
// For the tag and then each shorter prefix ("en-au" -> "en"), in this order:
//   1. the preference table in espeak_language_map.cpp ("en" -> "en-us", "zh" -> Mandarin),
//   2. a voice whose own name is the tag ("en-gb-x-rp", "pt-br", "cmn"),
//   3. the voice declaring the tag as one of its languages with the best espeak priority.
std::optional<std::string> espeak_voice_for_language(const EspeakVoiceCatalog& catalog,
                                                     std::string_view tag);

// Tags the preference table adds beyond what espeak declares ("zh-cn", "zh-tw", "es-us", ...),
// limited to those whose target voice is installed. Lets EngineInfo::languages advertise them.
std::vector<std::string> extra_language_tags(const EspeakVoiceCatalog& catalog);

}  // namespace chorus
