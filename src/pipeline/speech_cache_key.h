#pragma once
// The result cache key of a plan: a digest of everything that decides the response's bytes.
#include <string>

#include "router/speech_plan.h"

namespace chorus {

// The plan already holds the outcome of routing and text analysis (engine and model version,
// resolved voice, language, normalized chunks after lexicon/markup/SSML, speed split, format,
// cloned voice and voice-matching profile), so two requests with the same plan produce the
// same audio. `instructions` is included although no engine reads it yet, so an engine that
// starts to cannot serve stale audio. `streaming_container` changes WAV headers.
std::string speech_cache_key(const SpeechPlan& plan, const std::string& instructions,
                             bool streaming_container);

}  // namespace chorus
