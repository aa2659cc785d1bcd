#pragma once
// A cloned voice as a request uses it: its record (name, language, analysis) and, once a
// cloning engine needs it, the reference recording. One-shot clones (POST /v1/audio/clone
// without voice_name) exist only as this struct, never in the store.
#include <memory>

#include "engines/speaker_reference.h"
#include "voices/voice_store.h"

namespace chorus::voices {

struct ClonedVoice {
  VoiceRecord record;
  std::shared_ptr<const SpeakerReference> speaker;  // null: load from the store when needed
};

// A SpeakerReference for audio that is not stored: embeddings are cached for the life of the
// reference only (one request).
std::shared_ptr<const SpeakerReference> transient_speaker(const std::string& id,
                                                          const std::string& name,
                                                          const std::string& language,
                                                          std::vector<float> audio,
                                                          int sample_rate);

}  // namespace chorus::voices
