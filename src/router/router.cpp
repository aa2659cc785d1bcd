#include "router/router.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/api_error.h"
#include "router/openai_voices.h"
#include "text/chunker.h"
#include "text/language.h"

namespace chorus {
namespace {

const std::vector<std::string> kOpenAiModels{"tts-1", "tts-1-hd", "gpt-4o-mini-tts"};

bool is_openai_model(const std::string& model) {
  // Dated snapshots such as gpt-4o-mini-tts-2025-12-15 are accepted like the base model.
  for (const auto& name : kOpenAiModels) {
    if (model == name || model.rfind(name + "-", 0) == 0) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

bool speaks(const Engine& engine, const std::string& language) {
  const auto& langs = engine.info().languages;
  return std::find(langs.begin(), langs.end(), language) != langs.end() ||
         std::find(langs.begin(), langs.end(), primary_subtag(language)) != langs.end();
}

}  // namespace

void RouterConfig::Validate() const {
  if (!normalize_language_tag(default_language)) {
    throw std::invalid_argument("default_language: not a language tag: " + default_language);
  }
  if (first_chunk_chars < 10) throw std::invalid_argument("first_chunk_chars: must be >= 10");
  if (admission.max_active < 1) throw std::invalid_argument("max_concurrent: must be >= 1");
}

std::string RouterConfig::ToString() const {
  std::ostringstream out;
  out << "RouterConfig(default_language=" << default_language
      << ", first_chunk_chars=" << first_chunk_chars
      << ", max_concurrent=" << admission.max_active << ", max_queued=" << admission.max_queued
      << ", max_queue_wait_ms=" << admission.max_wait.count() << ")";
  return out.str();
}

Router::Router(EngineRegistry engines, RouterConfig config)
    : engines_(std::move(engines)), config_(std::move(config)) {
  for (const auto& engine : engines_.engines()) {
    admission_[engine->info().name] = std::make_shared<Admission>(config_.admission);
  }
}

const Admission& Router::admission(const std::string& engine_name) const {
  return *admission_.at(engine_name);
}

std::vector<VoiceInfo> Router::voices() const {
  std::vector<VoiceInfo> all;
  for (const auto& engine : engines_.engines()) {
    auto voices = engine->voices();
    all.insert(all.end(), voices.begin(), voices.end());
  }
  return all;
}

std::vector<std::string> Router::languages() const {
  std::set<std::string> all;
  for (const auto& engine : engines_.engines()) {
    all.insert(engine->info().languages.begin(), engine->info().languages.end());
  }
  return {all.begin(), all.end()};
}

std::vector<std::string> Router::models() const {
  std::vector<std::string> models = kOpenAiModels;
  for (const auto& engine : engines_.engines()) models.push_back(engine->info().name);
  return models;
}

std::string Router::language_for(const SpeechRequest& request) const {
  return request.language.value_or(config_.default_language);
}

Router::Choice Router::choose(const SpeechRequest& request, const std::string& language) const {
  std::shared_ptr<Engine> only;  // set when `model` names an engine
  if (!is_openai_model(request.model)) {
    only = engines_.find(request.model);
    if (!only) {
      throw ApiError(400, "The model '" + request.model + "' does not exist. Available models: " +
                              join(models()) + ".",
                     "invalid_request_error", "model", "model_not_found");
    }
  }
  auto candidates = [&] {
    std::vector<std::shared_ptr<Engine>> list;
    for (const auto& engine : engines_.engines()) {
      if (!only || engine == only) list.push_back(engine);
    }
    return list;
  }();

  // An engine's own voice id: that engine, that voice (and the voice's own language).
  for (const auto& engine : candidates) {
    if (auto voice = engine->find_voice(request.voice)) return {engine, *voice};
  }
  if (only) {
    for (const auto& engine : engines_.engines()) {
      if (engine != only && engine->find_voice(request.voice)) {
        throw ApiError::invalid("The voice '" + request.voice + "' belongs to the " +
                                    engine->info().name + " engine, not to the requested model '" +
                                    request.model + "'.",
                                "voice", "voice_not_found");
      }
    }
  }
  if (!is_openai_voice(request.voice)) {
    throw ApiError::invalid("Unknown voice '" + request.voice +
                                "'. Use an OpenAI voice name (alloy, nova, ...) or a voice id "
                                "from GET /v1/audio/voices.",
                            "voice", "voice_not_found");
  }
  bool spoken = false;
  for (const auto& engine : candidates) {
    if (!speaks(*engine, language)) continue;
    spoken = true;
    if (!engine->healthy()) continue;
    if (auto voice = engine->voice_for_alias(request.voice, language)) return {engine, *voice};
  }
  if (!spoken) {
    throw ApiError(400, "The language '" + language + "' is not supported. Supported languages: " +
                            join(languages()) + ".",
                   "invalid_request_error", "language", "unsupported_language");
  }
  throw ApiError(503, "No healthy engine can speak '" + language + "' right now.",
                 "server_error", {}, "engine_unavailable");
}

SpeechPlan Router::plan(const SpeechRequest& request) const {
  std::string language = language_for(request);
  Choice choice = choose(request, language);
  const EngineInfo& info = choice.engine->info();
  if (choice.voice.language.empty() || is_openai_voice(request.voice)) {
    // Alias voices speak the requested language; engine voices keep their own.
  } else {
    language = choice.voice.language;
  }

  SpeechPlan plan;
  plan.engine = choice.engine;
  plan.voice = choice.voice;
  plan.language = language;
  plan.format = request.format;
  double speed = std::clamp(request.speed, 0.25, 4.0);
  plan.engine_speed = static_cast<float>(
      std::clamp(speed, static_cast<double>(info.min_speed), static_cast<double>(info.max_speed)));
  plan.tempo = speed / plan.engine_speed;

  ChunkOptions options;
  options.first_chunk_max_chars = config_.first_chunk_chars;
  options.max_chars = info.max_chunk_chars;
  plan.chunks = split_into_chunks(request.input, language, options);
  if (plan.chunks.empty()) {
    throw ApiError::invalid("The input has no speakable text.", "input", "empty_input");
  }
  plan.admission = admission_.at(info.name)->enter();
  return plan;
}

}  // namespace chorus
