#include "router/router.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

#include <ctime>

#include "core/api_error.h"
#include "core/principal.h"
#include "core/speech_bounds.h"
#include "router/cloned_voice_route.h"
#include "router/openai_voices.h"
#include "router/server_lexicon.h"
#include "text/chunker.h"
#include "text/language.h"
#include "text/language_detect.h"
#include "text/markup.h"
#include "text/text_analysis.h"
#include "text/utf8.h"

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

// When an engine voice's own engine cannot serve, another engine stands in with a voice of
// the same gender.
std::string_view stand_in_alias(const VoiceInfo& voice) {
  return voice.gender == "male" ? "onyx" : "nova";
}

// Engines that cannot take IPA get the written word of a "[word](/ipa/)" pronunciation.
std::string without_pronunciations(const std::string& text) {
  if (text.find("](/") == std::string::npos) return text;
  std::string out;
  for (const auto& segment : parse_inline_markup(text)) {
    if (segment.kind != TextSegment::Kind::kPause) out += segment.text;
  }
  return out;
}

}  // namespace

bool engine_speaks(const Engine& engine, const std::string& language) {
  const auto& langs = engine.info().languages;
  return std::find(langs.begin(), langs.end(), language) != langs.end() ||
         std::find(langs.begin(), langs.end(), primary_subtag(language)) != langs.end();
}

void RouterConfig::Validate() const {
  if (!normalize_language_tag(default_language)) {
    throw std::invalid_argument("default_language: not a language tag: " + default_language);
  }
  watermark.Validate();
  if (first_chunk_chars < 10) throw std::invalid_argument("first_chunk_chars: must be >= 10");
  if (max_normalized_chars < 1) throw std::invalid_argument("max_normalized_chars: must be >= 1");
  if (max_audio_seconds < 1) throw std::invalid_argument("max_audio_seconds: must be >= 1");
  if (admission.max_active < 1) throw std::invalid_argument("max_concurrent: must be >= 1");
  for (const auto& [name, limits] : engine_admission) {
    if (limits.max_active < 1) {
      throw std::invalid_argument("engines." + name + ".max_concurrent: must be >= 1");
    }
  }
  if (breaker.failures_to_open < 1) {
    throw std::invalid_argument("breaker_failures: must be >= 1");
  }
  build_server_lexicon(*this);  // throws for an unusable entry
}

std::string RouterConfig::ToString() const {
  std::ostringstream out;
  out << "RouterConfig(default_language=" << default_language
      << ", first_chunk_chars=" << first_chunk_chars
      << ", max_concurrent=" << admission.max_active << ", max_queued=" << admission.max_queued
      << ", max_queue_wait_ms=" << admission.max_wait.count()
      << ", fast_order=[" << join(fast_order) << "], best_order=[" << join(best_order)
      << "], breaker_failures=" << breaker.failures_to_open
      << ", breaker_cool_down_ms=" << breaker.cool_down.count()
      << ", first_audio_timeout_ms=" << first_audio_timeout.count()
      << ", max_normalized_chars=" << max_normalized_chars
      << ", max_audio_seconds=" << max_audio_seconds << ")";
  return out.str();
}

Router::Router(EngineRegistry engines, RouterConfig config)
    : engines_(std::move(engines)), config_(std::move(config)), server_lexicon_(build_server_lexicon(config_)) {
  for (const auto& engine : engines_.engines()) {
    const std::string& name = engine->info().name;
    auto limits = config_.engine_admission.count(name) ? config_.engine_admission.at(name)
                                                       : config_.admission;
    admission_[name] = std::make_shared<Admission>(limits);
    breakers_[name] = std::make_unique<CircuitBreaker>(config_.breaker);
  }
}

Admission& Router::admission(const std::string& engine_name) const {
  return *admission_.at(engine_name);
}

CircuitBreaker& Router::breaker(const std::string& engine_name) const {
  return *breakers_.at(engine_name);
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
  if (request.language) return *request.language;
  // Language-neutral voices follow the text; short or ambiguous text gets the default.
  auto detected = detect_language(request.input, config_.default_language);
  return detected.language.empty() ? config_.default_language : detected.language;
}

std::vector<std::shared_ptr<Engine>> Router::engine_order(const std::string& model) const {
  if (!is_openai_model(model)) {
    auto only = engines_.find(model);
    if (!only) {
      throw ApiError(400, "The model '" + model + "' does not exist. Available models: " +
                              join(models()) + ".",
                     "invalid_request_error", "model", "model_not_found");
    }
    return {only};  // an engine asked for by name is not silently replaced
  }
  const auto& order = model == "tts-1" ? config_.fast_order : config_.best_order;
  std::vector<std::shared_ptr<Engine>> ordered;
  for (const auto& name : order) {
    if (auto engine = engines_.find(name)) ordered.push_back(engine);
  }
  for (const auto& engine : engines_.engines()) {
    if (std::find(ordered.begin(), ordered.end(), engine) == ordered.end()) {
      ordered.push_back(engine);
    }
  }
  return ordered;
}

std::vector<RouteCandidate> Router::route(const SpeechRequest& request) const {
  std::vector<RouteCandidate> candidates = route_candidates(request);
  if (!request.timestamps) return candidates;
  // Word timestamps come from engines that time their words; the others are skipped rather
  // than answered with made-up times.
  std::string without;
  std::erase_if(candidates, [&](const RouteCandidate& c) {
    if (c.engine->info().word_timings) return false;
    if (without.find(c.engine->info().name) == std::string::npos) {
      without += (without.empty() ? "" : ", ") + c.engine->info().name;
    }
    return true;
  });
  if (candidates.empty()) {
    throw ApiError::invalid("Word timestamps are not available from the " + without +
                                " engine (it does not report word timings). Use espeak or kokoro, or "
                                "ask without 'timestamps'.",
                            "timestamps", "timestamps_unsupported");
  }
  return candidates;
}

std::vector<RouteCandidate> Router::route_candidates(const SpeechRequest& request) const {
  if (cloned_ && ClonedVoiceResolver::wants_cloned_voice(request)) {
    return cloned_->candidates(request, engine_order(request.model), config_.default_language);
  }
  std::string language = language_for(request);
  auto order = engine_order(request.model);
  std::vector<RouteCandidate> candidates;

  // An engine's own voice id: that engine first, keeping the voice's language.
  for (const auto& engine : engines_.engines()) {
    auto voice = engine->find_voice(request.voice);
    if (!voice) continue;
    if (std::find(order.begin(), order.end(), engine) == order.end()) {
      throw ApiError::invalid("The voice '" + request.voice + "' belongs to the " +
                                  engine->info().name + " engine, not to the requested model '" +
                                  request.model + "'.",
                              "voice", "voice_not_found");
    }
    std::string voice_language = voice->language.empty() ? language : voice->language;
    // A voice its engine cannot phonemize (Kokoro's Japanese and Mandarin voices) goes straight
    // to a stand-in: trying it first would fail every time and count against the engine's
    // circuit breaker, which would then take the engine away from its own languages.
    const bool own_engine_speaks = engine_speaks(*engine, voice_language);
    if (own_engine_speaks) candidates.push_back({engine, *voice, voice_language, nullptr, nullptr, {}});
    for (const auto& other : order) {
      if (other == engine || !engine_speaks(*other, voice_language)) continue;
      if (auto stand_in = other->voice_for_alias(stand_in_alias(*voice), voice_language)) {
        candidates.push_back({other, *stand_in, voice_language, nullptr, nullptr, {}});
      }
    }
    if (!own_engine_speaks) candidates.push_back({engine, *voice, voice_language, nullptr, nullptr, {}});
    return candidates;
  }

  if (!is_openai_voice(request.voice)) {
    throw ApiError::invalid("Unknown voice '" + request.voice +
                                "'. Use an OpenAI voice name (alloy, nova, ...) or a voice id "
                                "from GET /v1/audio/voices.",
                            "voice", "voice_not_found");
  }
  for (const auto& engine : order) {
    if (!engine_speaks(*engine, language)) continue;
    if (auto voice = engine->voice_for_alias(request.voice, language)) {
      candidates.push_back({engine, *voice, language, nullptr, nullptr, {}});
    }
  }
  if (candidates.empty()) {
    throw ApiError(400, "The language '" + language + "' is not supported. Supported languages: " +
                            join(languages()) + ".",
                   "invalid_request_error", "language", "unsupported_language");
  }
  return candidates;
}

const TextAnalysis& FrontEndMemo::get(const std::string& language, std::size_t max_chars,
                                      const std::function<TextAnalysis()>& analyze) {
  auto key = std::make_pair(language, max_chars);
  auto it = results_.find(key);
  if (it == results_.end()) {
    it = results_.emplace(std::move(key), analyze()).first;
    ++runs_;
  }
  return it->second;
}

void check_request_cost(const SpeechPlan& plan, double speed, const RouterConfig& config) {
  std::size_t chars = 0;
  double pauses = 0;
  for (const auto& chunk : plan.chunks) {
    chars += utf8_length(chunk.text);
    pauses += chunk.pause_after_seconds;
  }
  if (chars > config.max_normalized_chars) {
    throw ApiError(413,
                   "The input expands to " + std::to_string(chars) +
                       " characters after the lexicon, numbers and SSML (limit " +
                       std::to_string(config.max_normalized_chars) +
                       ", limits.max_normalized_chars).",
                   "invalid_request_error", "input", "normalized_input_too_long");
  }
  // A lower bound on the duration: faster than anyone speaks, so only requests certain to pass
  // the limit are refused here; SpeechStream enforces the limit exactly as audio is produced.
  constexpr double kFastestCharsPerSecond = 30.0;
  double estimate = chars / kFastestCharsPerSecond / speed + pauses;
  if (estimate > static_cast<double>(config.max_audio_seconds)) {
    throw ApiError(413,
                   "The request would produce at least " + std::to_string(static_cast<long>(estimate)) +
                       " s of audio (limit " +
                       std::to_string(config.max_audio_seconds) +
                       " s, limits.max_audio_seconds).",
                   "invalid_request_error", "input", "audio_too_long");
  }
}

SpeechPlan Router::plan_for(const SpeechRequest& request, const RouteCandidate& candidate,
                            FrontEndMemo* memo) const {
  const EngineInfo& info = candidate.engine->info();
  SpeechPlan plan;
  plan.engine = candidate.engine;
  plan.voice = candidate.voice;
  plan.language = candidate.language;
  plan.speaker = candidate.speaker;
  plan.match = candidate.match;
  plan.clone_method = candidate.clone_method;
  plan.format = request.format;
  double speed = std::clamp(request.speed, kMinSpeechSpeed, kMaxSpeechSpeed);
  plan.engine_speed = static_cast<float>(
      std::clamp(speed, static_cast<double>(info.min_speed), static_cast<double>(info.max_speed)));
  plan.tempo = speed / plan.engine_speed;

  AnalyzeOptions options;
  options.normalize = request.normalize;
  options.ssml = request.ssml;
  options.fallback_language = candidate.language;
  options.chunk_options.first_chunk_max_chars = config_.first_chunk_chars;
  options.chunk_options.max_chars = candidate.engine->max_chunk_chars_for(candidate.language);
  if (!server_lexicon_->empty()) options.server_lexicon = server_lexicon_.get();
  options.request_lexicon = request.lexicon.get();
  auto analyze = [&] { return analyze_text(request.input, candidate.language, options); };
  FrontEndMemo own;
  const TextAnalysis& analysis =
      (memo ? *memo : own).get(candidate.language, options.chunk_options.max_chars, analyze);
  plan.chunks = analysis.chunks;
  if (request.timestamps) {
    plan.word_timings = true;
    plan.written_words = analysis.written_words;
  }
  if (!info.accepts_ipa_markup) {
    for (auto& chunk : plan.chunks) chunk.text = without_pronunciations(chunk.text);
  }
  std::erase_if(plan.chunks, [](const TextChunk& chunk) {
    return chunk.text.find_first_not_of(" \t\n") == std::string::npos &&
           chunk.pause_after_seconds <= 0;
  });
  if (plan.chunks.empty()) {
    throw ApiError::invalid("The input has no speakable text.", "input", "empty_input");
  }
  check_request_cost(plan, speed, config_);
  plan.max_audio_seconds = static_cast<double>(config_.max_audio_seconds);
  plan.watermark = watermark_for(config_.watermark, !plan.clone_method.empty(),
                                 current_principal(), std::time(nullptr));
  return plan;
}

}  // namespace chorus
