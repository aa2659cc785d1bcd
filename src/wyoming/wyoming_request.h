#pragma once
// From a synthesize / synthesize-start event's data to chorus's SpeechRequest (raw PCM).
#include <nlohmann/json.hpp>
#include <string>

#include "router/router.h"
#include "router/speech_request.h"

namespace chorus::wyoming {

// The voice part of a request: `voice.name` is any voice chorus knows (OpenAI name, engine voice
// id, cloned voice id, or a cloned voice's own name), `voice.language` a language in either
// spelling ("en_US", "en-us"); `text_format` "ssml" marks SSML input. Throws ApiError.
SpeechRequest request_template(const nlohmann::json& data, const Router& router);

// The `text` field of synthesize / synthesize-chunk. Throws ApiError when absent or not text.
std::string text_of(const nlohmann::json& data, bool may_be_empty);

}  // namespace chorus::wyoming
