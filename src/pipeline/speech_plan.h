#pragma once
// What the router decided for one request: which engine and voice speak which chunks, how.
#include <memory>
#include <string>
#include <vector>

#include "codec/audio_format.h"
#include "engines/engine.h"
#include "text/chunker.h"

namespace chorus {

struct SpeechPlan {
  std::shared_ptr<Engine> engine;
  VoiceInfo voice;
  std::string language;          // lower-case BCP-47 tag spoken
  float engine_speed = 1.0f;     // passed to the engine (within its native range)
  double tempo = 1.0;            // applied afterwards by post-processing
  std::vector<TextChunk> chunks;
  AudioFormat format = AudioFormat::kMp3;
  std::string fallback_reason;   // set when this plan is not the engine first chosen
  std::shared_ptr<const SpeakerReference> speaker;  // cloned voice, for engines that clone
  std::shared_ptr<void> admission;  // held while the stream runs; releases the engine slot
};

}  // namespace chorus
