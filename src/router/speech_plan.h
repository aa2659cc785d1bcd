#pragma once
// What the router decided for one request: which engine and voice speak which chunks, how.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audio/voice_match_profile.h"
#include "audio/watermark/watermark_payload.h"
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
  // Cloned voice on a built-in engine: post-processing that bends the voice towards it.
  std::shared_ptr<const audio::VoiceMatchProfile> match;
  std::string clone_method;      // "xtts", "voice-match", or empty for ordinary voices
  std::shared_ptr<void> admission;  // held while the stream runs; releases the engine slot
  // Word timestamps: the engine reports word timings (SpeechStream::word_times()).
  bool word_timings = false;
  std::vector<std::string> written_words;  // the input's words as written, for the timestamps
  // Audio this request may produce (output seconds, pauses included); 0 = unlimited.
  double max_audio_seconds = 0;
  // The inaudible mark post-processing adds (router/watermark_policy.h); empty = unmarked.
  std::optional<audio::watermark::Payload> watermark;
};

}  // namespace chorus
