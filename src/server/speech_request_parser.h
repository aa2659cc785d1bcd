#pragma once
// Turns the JSON body of POST /v1/audio/speech into a validated SpeechRequest, with an
// OpenAI-shaped error naming the offending field for anything wrong.
#include <cstddef>
#include <string_view>

#include "router/speech_request.h"

namespace chorus {

struct SpeechLimits {
  std::size_t max_input_chars = 4096;  // Unicode code points, like OpenAI's limit
  std::size_t max_instructions_chars = 4096;
};

// `content_type` is the request's Content-Type header. Throws ApiError.
SpeechRequest parse_speech_request(std::string_view content_type, std::string_view body,
                                   const SpeechLimits& limits);

}  // namespace chorus
