#pragma once
// The `info` answer to `describe`: one `tts` program (chorus) listing every voice a client may
// name in `synthesize`: OpenAI's names (any language), each engine's voices and cloned voices.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "router/router.h"

namespace chorus::wyoming {

// chorus's "en-us" as Home Assistant writes it ("en_US"); "fr" stays "fr".
std::string wyoming_language(std::string_view tag);

nlohmann::json describe_info(const Router& router);

}  // namespace chorus::wyoming
