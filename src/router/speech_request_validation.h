#pragma once
// The one check of a SpeechRequest, whoever built it: the HTTP parser, `chorus say` and the
// cache warm-up all call validate() so a request is accepted or refused the same way everywhere.
#include <cstddef>

#include "router/speech_request.h"

namespace chorus {

// Throws ApiError (400, OpenAI shape, `param` naming the field) for blank input, input longer
// than max_input_chars characters (0 = no limit), an empty voice, a speed outside
// kMinSpeechSpeed..kMaxSpeechSpeed, or a language that is not a normalized tag.
// kLater: the text arrives afterwards, in pieces (`chorus say` reads a paragraph at a time);
// everything but the input is checked now.
enum class InputCheck { kNow, kLater };
void validate(const SpeechRequest& request, std::size_t max_input_chars,
              InputCheck input = InputCheck::kNow);

}  // namespace chorus
