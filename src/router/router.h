#pragma once
// Picks the engine, voice and language for each request: an ordered list of candidates (the
// first is the choice, the rest are fallbacks), and the plan for whichever candidate serves.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engines/engine_registry.h"
#include "router/speech_plan.h"
#include "router/admission.h"
#include "router/circuit_breaker.h"
#include "router/speech_request.h"
#include "router/watermark_policy.h"
#include "text/lexicon.h"
#include "text/text_analysis.h"

namespace chorus {

struct RouterConfig {
  std::string default_language = "en";
  // Short first chunk: audio starts after it. 40 characters is a clause or a few words: Piper
  // speaks it in under 100 ms on 2 cores, Kokoro's int8 graph in about 2 s (a whole first
  // sentence of 100 characters took 0.3 s and 4.5 s).
  std::size_t first_chunk_chars = 40;
  AdmissionLimits admission;            // per engine, unless overridden below
  std::map<std::string, AdmissionLimits> engine_admission;  // engine name -> limits
  BreakerConfig breaker;
  // Engine preference for `tts-1` (fastest first) and `tts-1-hd`/`gpt-4o-mini-tts` (best first).
  // Engines not listed come after the listed ones, in registration order. The defaults come
  // from each engine's own ranks (EngineModule::fast_rank / best_rank).
  std::vector<std::string> fast_order = default_engine_order(RoutingPreference::kFastest);
  std::vector<std::string> best_order = default_engine_order(RoutingPreference::kBest);
  std::chrono::milliseconds first_audio_timeout{20000};  // engine silent this long -> fall back
  // Bounds on what one request may cost, whatever the input length: the text after the lexicon,
  // numbers and SSML expanded it (characters), and the audio it may produce (seconds).
  std::size_t max_normalized_chars = 32768;
  std::size_t max_audio_seconds = 1800;
  // The server lexicon: entries of text.lexicon_file, then text.lexicon (which wins).
  std::string lexicon_file;
  std::map<std::string, std::string> lexicon_file_entries;  // read when the key is set
  std::map<std::string, std::string> lexicon;
  WatermarkConfig watermark;

  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

// Throws ApiError 413 when a plan's normalized text exceeds config.max_normalized_chars or its
// audio (estimated from the text at `speed`, plus pauses) surely exceeds config.max_audio_seconds.
struct SpeechPlan;
void check_request_cost(const SpeechPlan& plan, double speed, const RouterConfig& config);

// Does the engine speak `language` (a lower-case BCP-47 tag), itself or its primary subtag?
bool engine_speaks(const Engine& engine, const std::string& language);

// One engine/voice that could serve a request.
struct RouteCandidate {
  std::shared_ptr<Engine> engine;
  VoiceInfo voice;
  std::string language;
  std::shared_ptr<const SpeakerReference> speaker;  // cloned voices
  std::shared_ptr<const audio::VoiceMatchProfile> match;  // cloned voice on a built-in engine
  std::string clone_method;  // "xtts" / "voice-match" for cloned voices (X-Chorus-Clone-Method)
};

class ClonedVoiceResolver;

// The text front-end's results for one request, shared by its candidates: normalization and
// chunking depend only on the language and the chunk limit, so a fallback to an engine with the
// same two reuses them instead of analysing the text again.
class FrontEndMemo {
 public:
  // The analysis for (language, max_chars), running `analyze` only the first time.
  const TextAnalysis& get(const std::string& language, std::size_t max_chars,
                          const std::function<TextAnalysis()>& analyze);
  std::size_t runs() const { return runs_; }  // how many analyses actually ran

 private:
  std::map<std::pair<std::string, std::size_t>, TextAnalysis> results_;
  std::size_t runs_ = 0;
};

class Router {
 public:
  Router(EngineRegistry engines, RouterConfig config);

  // Candidates in preference order. Throws ApiError for an unknown model, voice or language.
  std::vector<RouteCandidate> route(const SpeechRequest& request) const;

  // Chunks and speed split for one candidate (no admission taken). Candidates of one request
  // share `memo` so the text front-end runs once per language and chunk limit.
  SpeechPlan plan_for(const SpeechRequest& request, const RouteCandidate& candidate,
                      FrontEndMemo* memo = nullptr) const;

  const EngineRegistry& engines() const { return engines_; }
  std::vector<VoiceInfo> voices() const;
  std::vector<std::string> languages() const;
  // Model ids accepted in requests: OpenAI's names plus one per engine.
  std::vector<std::string> models() const;
  Admission& admission(const std::string& engine_name) const;
  CircuitBreaker& breaker(const std::string& engine_name) const;
  const RouterConfig& config() const { return config_; }
  const std::shared_ptr<const Lexicon>& server_lexicon() const { return server_lexicon_; }
  // Cloned voices ("voice_..."), resolved through the voice store (router/cloned_voice_route.h).
  void set_cloned_voices(std::shared_ptr<ClonedVoiceResolver> resolver) { cloned_ = std::move(resolver); }
  const std::shared_ptr<ClonedVoiceResolver>& cloned_voices() const { return cloned_; }

 private:
  std::vector<RouteCandidate> route_candidates(const SpeechRequest& request) const;
  std::vector<std::shared_ptr<Engine>> engine_order(const std::string& model) const;
  std::string language_for(const SpeechRequest& request) const;

  EngineRegistry engines_;
  RouterConfig config_;
  std::shared_ptr<const Lexicon> server_lexicon_;
  std::map<std::string, std::shared_ptr<Admission>> admission_;
  std::map<std::string, std::unique_ptr<CircuitBreaker>> breakers_;
  std::shared_ptr<ClonedVoiceResolver> cloned_;
};

}  // namespace chorus
