#include "router/cloned_voice_route.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/api_error.h"
#include "core/principal.h"
#include "router/openai_voices.h"
#include "text/language.h"
#include "voices/store_location.h"
#include "voices/voice_id.h"

namespace chorus {
namespace {

// The engine's distinct voices for the language, reached through the OpenAI aliases: every
// engine maps those to a spread of its voices (genders, pitches), which is the palette to match.
std::vector<VoiceInfo> alias_voices(const Engine& engine, const std::string& language) {
  std::vector<VoiceInfo> voices;
  std::set<std::string> seen;
  for (auto alias : kOpenAiVoices) {
    auto voice = engine.voice_for_alias(alias, language);
    if (voice && seen.insert(voice->id).second) voices.push_back(*voice);
  }
  return voices;
}

std::string language_for(const SpeechRequest& request, const voices::ClonedVoice& voice,
                         const std::string& default_language) {
  if (request.language) return *request.language;
  if (auto tag = normalize_language_tag(voice.record.language)) return *tag;
  return default_language;
}

}  // namespace

ClonedVoiceResolver::ClonedVoiceResolver(std::shared_ptr<voices::VoiceStore> store)
    : store_(std::move(store)), matcher_(std::make_shared<voices::BuiltinVoiceMatcher>()) {}

bool ClonedVoiceResolver::wants_cloned_voice(const SpeechRequest& request) {
  return request.cloned_voice != nullptr ||
         std::string_view(request.voice).substr(0, voices::kVoiceIdPrefix.size()) ==
             voices::kVoiceIdPrefix;
}

std::shared_ptr<const voices::ClonedVoice> ClonedVoiceResolver::load(const std::string& id) const {
  if (!store_) {
    throw ApiError(503, "Cloned voices are unavailable: the voice store could not be opened.",
                   "server_error", "voice", "voice_store_unavailable");
  }
  auto record = voices::looks_like_voice_id(id) ? store_->get(id) : std::nullopt;
  if (record && !current_principal().may_see(record->owner)) record.reset();  // another key's
  if (!record) {
    throw ApiError::invalid("Unknown voice '" + id +
                                "'. Cloned voices are listed by GET /v1/audio/voices.",
                            "voice", "voice_not_found");
  }
  auto voice = std::make_shared<voices::ClonedVoice>();
  voice->record = std::move(*record);
  return voice;
}

std::vector<RouteCandidate> ClonedVoiceResolver::candidates(
    const SpeechRequest& request, const std::vector<std::shared_ptr<Engine>>& order,
    const std::string& default_language) const {
  auto voice = request.cloned_voice ? request.cloned_voice : load(request.voice);
  const std::string language = language_for(request, *voice, default_language);
  std::vector<RouteCandidate> out;
  bool spoken = false;

  // 1. Engines that clone, with the reference itself (loaded once, shared by the candidates).
  std::shared_ptr<const SpeakerReference> speaker = voice->speaker;
  for (const auto& engine : order) {
    if (!engine->info().can_clone || !engine_speaks(*engine, language)) continue;
    spoken = true;
    if (!speaker && store_) speaker = store_->speaker(voice->record.id);
    if (!speaker) break;  // deleted meanwhile
    VoiceInfo info{voice->record.id, voice->record.name, engine->info().name, language, ""};
    out.push_back({engine, std::move(info), language, speaker, nullptr, engine->info().name});
  }
  // 2. Built-in voice matching on the first healthy engine that speaks the language.
  for (const auto& engine : order) {
    if (engine->info().can_clone || !engine_speaks(*engine, language)) continue;
    spoken = true;
    if (!engine->healthy()) continue;
    auto palette = alias_voices(*engine, language);
    if (palette.empty()) continue;
    auto match =
        matcher_->match(voice->record.id, voice->record.analysis, *engine, palette, language);
    out.push_back({engine, match.voice, language, nullptr, match.profile, "voice-match"});
    break;
  }
  if (!spoken) {
    throw ApiError(400, "The language '" + language + "' is not supported for cloned voices.",
                   "invalid_request_error", "language", "unsupported_language");
  }
  if (out.empty()) {
    throw ApiError(503, "No healthy engine can speak '" + language + "' with a cloned voice now.",
                   "server_error", {}, "engine_unavailable");
  }
  return out;
}

std::shared_ptr<ClonedVoiceResolver> open_cloned_voices(const std::string& data_dir,
                                                        const std::string& location) {
  const std::string dir = data_dir.empty() ? voices::default_data_dir() : data_dir;
  std::shared_ptr<voices::VoiceStore> store;
  try {
    store = voices::VoiceStore::open_location(location, dir);
    spdlog::info("voice store: {}", store->describe());
  } catch (const std::exception& e) {
    // The messages name the location with its password masked (store_location.cpp).
    spdlog::error("voice store unavailable ({}): {} (cloned voices disabled)",
                  location.empty() ? dir : voices::mask_password(location), e.what());
  }
  return std::make_shared<ClonedVoiceResolver>(std::move(store));
}

}  // namespace chorus
