#pragma once
// Speech with word timestamps ("timestamps": true, POST /v1/audio/speech/timestamps): a JSON
// body with the whole audio in base64 and the words' start and end times, or, with
// stream_format "sse", a speech.audio.timestamps event before speech.audio.done.
#include <chrono>
#include <string>

#include "pipeline/speech_starter.h"
#include "router/speech_request.h"

namespace httplib {
struct Response;
}

namespace chorus {

// Runs the speech to its end, then answers
// {"audio", "audio_format", "duration", "language", "timestamps": [{"word", "start_time", "end_time"}]}.
void send_timestamps_response(httplib::Response& res, const SpeechRequest& request, StartedSpeech started,
                              std::chrono::steady_clock::time_point received);

// The SSE event carrying the timestamps of a finished stream.
std::string timestamps_sse_event(const SpeechStream& speech);

}  // namespace chorus
