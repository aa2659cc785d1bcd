#pragma once
// Picks the engine, voice and language for each request and prepares its chunks.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engines/engine_registry.h"
#include "pipeline/speech_plan.h"
#include "router/admission.h"
#include "router/speech_request.h"

namespace chorus {

struct RouterConfig {
  std::string default_language = "en";
  std::size_t first_chunk_chars = 100;  // short first chunk: audio starts early
  AdmissionLimits admission;            // per engine

  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

class Router {
 public:
  Router(EngineRegistry engines, RouterConfig config);

  // Resolves engine, voice, language and chunks; takes an admission slot on the engine.
  // Throws ApiError (400 unknown voice/language, 429 busy, 503 no healthy engine).
  SpeechPlan plan(const SpeechRequest& request) const;

  const EngineRegistry& engines() const { return engines_; }
  std::vector<VoiceInfo> voices() const;
  std::vector<std::string> languages() const;
  // Model ids accepted in requests: OpenAI's names plus one per engine.
  std::vector<std::string> models() const;
  const Admission& admission(const std::string& engine_name) const;
  const RouterConfig& config() const { return config_; }

 private:
  struct Choice {
    std::shared_ptr<Engine> engine;
    VoiceInfo voice;
  };
  Choice choose(const SpeechRequest& request, const std::string& language) const;
  std::string language_for(const SpeechRequest& request) const;

  EngineRegistry engines_;
  RouterConfig config_;
  std::map<std::string, std::shared_ptr<Admission>> admission_;
};

}  // namespace chorus
