#pragma once
// The interface every synthesis engine implements (built-in espeak-ng, Kokoro, XTTS, ...).
// An engine turns one text chunk into float PCM at its native rate; everything after that
// (resampling, speed post-processing, 16-bit conversion, encoding) is shared in audio/ and codec/.
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/cancel_token.h"
#include "engines/speaker_reference.h"
#include "engines/word_timing.h"

namespace chorus {

struct VoiceInfo {
  std::string id;        // globally unique, e.g. "espeak:fr+f3", "af_heart"
  std::string name;      // human readable
  std::string engine;    // engine name, e.g. "espeak"
  std::string language;  // lower-case BCP-47 tag the voice speaks, e.g. "en-us", "fr"
  std::string gender;    // "female", "male" or empty when unknown
};

struct EngineInfo {
  std::string name;           // short stable name used in ids, headers and metrics ("espeak")
  std::string description;    // human readable
  std::string model_version;  // identifies the loaded model (cache keys, /v1/models)
  std::vector<std::string> languages;  // lower-case BCP-47 tags it speaks ("en", "en-us", "fr", ...)
  int sample_rate = 24000;    // native output rate of synthesize()
  bool can_clone = false;     // accepts reference audio / speaker embeddings
  bool streams = false;       // delivers several sink calls while synthesizing one chunk
  float min_speed = 1.0f;     // native speed range; the pipeline post-processes the rest
  float max_speed = 1.0f;
  std::size_t max_chunk_chars = 400;  // longest text chunk the engine handles well
  int max_concurrency = 0;    // simultaneous synthesize() calls it allows; 0 = unlimited
  bool accepts_ipa_markup = false;  // chunks may carry "[word](/ipa/)" pronunciations
  bool word_timings = false;  // reports WordTiming for SynthesisRequest::on_word
  // prepare() does real work (G2P), so the pipeline runs it one chunk ahead on its own thread.
  bool prepares_ahead = false;
  // Chunks of one request the pipeline may synthesize at once (pipeline/chunk_lanes.h): more
  // than 1 for an engine whose single call leaves cores idle. 1 = one after the other, each
  // streamed as it is produced.
  int parallel_chunks = 1;
};

// Text-side work an engine did for one chunk ahead of synthesize() (for example its phonemes).
// Each engine derives its own type; synthesize() ignores a PreparedChunk it does not recognize.
struct PreparedChunk {
  virtual ~PreparedChunk() = default;
};

struct SynthesisRequest {
  std::string text;      // one chunk (a sentence or clause), already normalized
  std::string voice_id;  // a VoiceInfo::id this engine resolved
  std::string language;  // lower-case BCP-47 tag
  float speed = 1.0f;    // within [min_speed, max_speed]
  // Set for cloned voices on engines with can_clone; voice_id is then the cloned voice's id.
  std::shared_ptr<const SpeakerReference> speaker;
  // Set when word timestamps are wanted; engines with info().word_timings call it (in text
  // order) before synthesize() returns.
  WordTimingSink on_word;
  // What prepare() returned for this request, or null: synthesize() then does that work itself.
  std::shared_ptr<const PreparedChunk> prepared;
  // The response's first chunk, whose first samples make its time to first byte: an engine that
  // can hand on the start of a sentence before the rest is done (Piper's split decoder) does it
  // here, and only here, where it is worth its small cost.
  bool opens_response = false;
};

// Receives mono float PCM in [-1, 1] at EngineInfo::sample_rate. Returns false to stop synthesis.
using PcmSink = std::function<bool(std::span<const float> samples)>;

class Engine {
 public:
  virtual ~Engine() = default;

  virtual const EngineInfo& info() const = 0;
  virtual std::vector<VoiceInfo> voices() const = 0;

  // Resolves a voice id this engine owns (including variants such as "espeak:fr+f3").
  virtual std::optional<VoiceInfo> find_voice(std::string_view voice_id) const = 0;

  // Picks this engine's voice for an OpenAI voice name (alloy, nova, ...) in a language,
  // or nullopt when the engine does not speak the language.
  virtual std::optional<VoiceInfo> voice_for_alias(std::string_view alias,
                                                   std::string_view language) const = 0;

  // Synthesizes one chunk. Throws EngineError on failure. Must return promptly once
  // cancel.cancelled() becomes true or the sink returns false. Thread-safety: up to
  // info().max_concurrency simultaneous calls (the engine serializes internally beyond that
  // if it has global state).
  virtual void synthesize(const SynthesisRequest& request, const PcmSink& sink,
                          const CancelToken& cancel) = 0;

  // The part of synthesize() that needs no model (G2P), for chunk k+1 while chunk k is
  // synthesized. Same thread-safety as synthesize(); throws what synthesize() would for the same
  // text. Engines without such a stage return null (the default).
  virtual std::shared_ptr<const PreparedChunk> prepare(const SynthesisRequest& /*request*/) const {
    return nullptr;
  }

  // Longest chunk for one language (XTTS limits differ per language); defaults to the info's.
  virtual std::size_t max_chunk_chars_for(std::string_view /*language*/) const {
    return info().max_chunk_chars;
  }

  // False while the engine cannot serve (model missing, remote service down).
  virtual bool healthy() const { return true; }

  // Engine-specific figures for /health ("stats") and /metrics (chorus_engine_stat), such as
  // how many of its models are loaded. Must be cheap and thread-safe.
  virtual std::vector<std::pair<std::string, double>> stats() const { return {}; }

  // Drops what the engine keeps for a cloned voice that will not be used again (a one-shot
  // clone, once its response has ended), so such voices do not fill the engine's caches.
  virtual void forget_speaker(const std::string& /*voice_id*/) {}
};

}  // namespace chorus
