#include "engines/remote/remote_voice_list.h"

#include <set>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "text/language.h"

namespace chorus::remote {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

RemoteVoice from_entry(const json& entry) {
  RemoteVoice voice;
  if (entry.is_string()) {
    voice.id = entry.get<std::string>();
  } else if (entry.is_object()) {
    voice.id = string_field(entry, "id");
    if (voice.id.empty()) voice.id = string_field(entry, "voice_id");
    voice.name = string_field(entry, "name");
    if (voice.id.empty()) voice.id = voice.name;
    std::string language = string_field(entry, "language");
    if (language.empty()) language = string_field(entry, "lang");
    if (auto tag = normalize_language_tag(language)) voice.language = *tag;
    std::string gender = string_field(entry, "gender");
    if (gender == "female" || gender == "male") voice.gender = gender;
  }
  if (voice.name.empty()) voice.name = voice.id;
  return voice;
}

}  // namespace

std::vector<RemoteVoice> parse_voice_list(std::string_view json_text) {
  json value = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) throw EngineError("the voice list is not JSON");
  const json* list = nullptr;
  if (value.is_array()) {
    list = &value;
  } else if (value.is_object()) {
    for (const char* key : {"voices", "data"}) {
      if (auto it = value.find(key); it != value.end() && it->is_array()) {
        list = &*it;
        break;
      }
    }
  }
  if (!list) throw EngineError("the voice list has no \"voices\" array");
  std::vector<RemoteVoice> voices;
  std::set<std::string> seen;
  for (const auto& entry : *list) {
    RemoteVoice voice = from_entry(entry);
    // An id goes into "NAME:id" and back into a JSON body: control characters have no place.
    bool usable = !voice.id.empty() && voice.id.size() <= 256;
    for (char c : voice.id) usable = usable && static_cast<unsigned char>(c) >= 0x20;
    if (usable && seen.insert(voice.id).second) voices.push_back(std::move(voice));
  }
  return voices;
}

std::vector<RemoteVoice> static_voice_list(const std::vector<std::string>& ids) {
  std::vector<RemoteVoice> voices;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!id.empty() && seen.insert(id).second) voices.push_back({id, id, {}, {}});
  }
  return voices;
}

}  // namespace chorus::remote
