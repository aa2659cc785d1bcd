#pragma once
// The streaming half of every speech-producing route (/v1/audio/speech, /v1/audio/clone):
// headers naming what served the request, then the encoded audio as a chunked body or SSE.
#include <chrono>

#include "pipeline/speech_starter.h"
#include "router/speech_request.h"

namespace httplib {
struct Response;
}

namespace chorus {

void send_speech_response(httplib::Response& res, const SpeechRequest& request,
                          StartedSpeech started, std::chrono::steady_clock::time_point received);

}  // namespace chorus
