#pragma once
// The streaming half of every speech-producing route (/v1/audio/speech, /v1/audio/clone):
// headers naming what served the request, then the encoded audio as a chunked body or SSE.
#include <chrono>
#include <functional>
#include <string>

#include "pipeline/speech_starter.h"
#include "router/speech_request.h"

namespace httplib {
struct Response;
}

namespace chorus {

// Extra SSE events ("data: ...\n\n") sent after the last audio delta, before speech.audio.done.
using SseEpilogue = std::function<std::string(const SpeechStream&)>;

// `close_delimited`: an HTTP/1.0 client, which does not know chunked encoding; the body then
// ends when the connection closes.
void send_speech_response(httplib::Response& res, bool close_delimited, const SpeechRequest& request,
                          StartedSpeech started, std::chrono::steady_clock::time_point received,
                          SseEpilogue epilogue = {});

// The X-Chorus-* and caching headers naming what served the request.
void set_speech_headers(httplib::Response& res, const SpeechRequest& request, const SpeechPlan& chosen);

}  // namespace chorus
