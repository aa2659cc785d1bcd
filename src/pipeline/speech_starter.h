#pragma once
// Starts a request on the first candidate engine that can serve it: skips engines that are
// unhealthy, whose circuit is open or whose queue is full, and falls back when an engine fails
// or stays silent before its first audio. After the first bytes the choice is final.
#include <memory>
#include <string>
#include <vector>

#include "pipeline/speech_stream.h"
#include "router/router.h"

namespace chorus {

struct StartedSpeech {
  std::unique_ptr<SpeechStream> stream;
  std::string first_bytes;  // encoded audio produced before the caller sends headers
  bool complete = false;    // the whole response is in first_bytes
  // Released when the response ends: in-flight tracking, per-client stream slots.
  std::vector<std::shared_ptr<void>> holds;
};

// Throws ApiError: 429 when every candidate was busy, 503 when none could serve.
StartedSpeech start_speech(const Router& router, const SpeechRequest& request,
                           StreamOptions options = {});

}  // namespace chorus
