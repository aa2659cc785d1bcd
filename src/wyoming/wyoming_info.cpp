#include "wyoming/wyoming_info.h"

#include <cctype>
#include <set>

#include "core/principal.h"
#include "router/cloned_voice_route.h"
#include "router/openai_voices.h"

namespace chorus::wyoming {
namespace {

using nlohmann::json;

json attribution(const std::string& name) { return {{"name", name}, {"url", ""}}; }

json voice_entry(const std::string& name, const std::string& description, const json& languages,
                 const std::string& attributed_to, const std::string& version) {
  return {{"name", name},
          {"description", description},
          {"attribution", attribution(attributed_to)},
          {"installed", true},
          {"version", version.empty() ? json(nullptr) : json(version)},
          {"languages", languages}};
}

}  // namespace

std::string wyoming_language(std::string_view tag) {
  std::string out;
  bool region = false;
  for (char c : tag) {
    if (c == '-' || c == '_') {
      region = true;
      out += '_';
      continue;
    }
    out += static_cast<char>(region ? std::toupper(static_cast<unsigned char>(c))
                                    : std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

json describe_info(const Router& router) {
  json voices = json::array();
  // OpenAI's names follow the language being spoken, so they list every language.
  json all_languages = json::array();
  std::set<std::string> seen;
  for (const auto& language : router.languages()) {
    std::string tag = wyoming_language(language);
    if (seen.insert(tag).second) all_languages.push_back(tag);
  }
  for (auto name : kOpenAiVoices) {
    voices.push_back(voice_entry(std::string(name),
                                 std::string(name) + " (OpenAI voice name, any language)",
                                 all_languages, "chorus", CHORUS_VERSION));
  }
  for (const auto& engine : router.engines().engines()) {
    const EngineInfo& info = engine->info();
    for (const auto& voice : engine->voices()) {
      voices.push_back(voice_entry(voice.id, voice.name + " (" + info.name + ")",
                                   json::array({wyoming_language(voice.language)}),
                                   info.description, info.model_version));
    }
  }
  if (const auto& cloned = router.cloned_voices(); cloned && cloned->store()) {
    std::vector<voices::VoiceRecord> records;
    try {
      records = cloned->store()->list();
    } catch (const voices::VoiceStoreUnavailable&) {
      // The store is down: describe the built-in voices, which still speak.
    }
    for (const auto& record : records) {
      if (!current_principal().may_see(record.owner)) continue;
      // A cloned voice speaks every language its engines do; its own language comes first.
      json languages = json::array();
      if (!record.language.empty()) languages.push_back(wyoming_language(record.language));
      for (const auto& tag : all_languages) {
        if (languages.empty() || tag != languages[0]) languages.push_back(tag);
      }
      voices.push_back(voice_entry(record.id, record.name + " (cloned voice)", languages,
                                   "chorus", CHORUS_VERSION));
    }
  }
  json program = {{"name", "chorus"},
                  {"description", "chorus text-to-speech (espeak-ng, Kokoro, XTTS)"},
                  {"attribution", attribution("chorus")},
                  {"installed", true},
                  {"version", CHORUS_VERSION},
                  {"voices", std::move(voices)},
                  {"supports_synthesize_streaming", true}};
  return {{"tts", json::array({std::move(program)})},
          {"asr", json::array()},
          {"handle", json::array()},
          {"intent", json::array()},
          {"wake", json::array()},
          {"mic", json::array()},
          {"snd", json::array()}};
}

}  // namespace chorus::wyoming
