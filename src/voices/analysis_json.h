#pragma once
// VoiceAnalysis <-> JSON, as stored with each voice and shown by GET /v1/audio/voices/{id}.
#include <nlohmann/json.hpp>

#include "audio/voice_analysis.h"

namespace chorus::voices {

nlohmann::json analysis_to_json(const audio::VoiceAnalysis& analysis);
// Missing keys keep their defaults, so analyses stored by older versions still load.
audio::VoiceAnalysis analysis_from_json(const nlohmann::json& json);

}  // namespace chorus::voices
