#include "wyoming/wyoming_request.h"

#include <algorithm>
#include <cctype>

#include "core/api_error.h"
#include "core/principal.h"
#include "router/cloned_voice_route.h"
#include "text/language.h"
#include "voices/voice_id.h"

namespace chorus::wyoming {
namespace {

using nlohmann::json;

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Home Assistant shows a voice's description and sends its name; people typing a cloned voice
// by hand use the name they gave it, so that works too when it is unambiguous.
std::string resolve_voice_name(const std::string& name, const Router& router) {
  const auto& cloned = router.cloned_voices();
  if (!cloned || !cloned->store() || voices::looks_like_voice_id(name)) return name;
  std::vector<voices::VoiceRecord> records;
  try {
    records = cloned->store()->list();
  } catch (const voices::VoiceStoreUnavailable&) {
    return name;  // built-in voice names must keep working while the store is down
  }
  std::string match;
  for (const auto& record : records) {
    if (!current_principal().may_see(record.owner) || !same_name(record.name, name)) continue;
    if (!match.empty()) {
      throw ApiError::invalid("Several cloned voices are named '" + name + "'; use its id.",
                              "voice", "ambiguous_voice");
    }
    match = record.id;
  }
  return match.empty() ? name : match;
}

}  // namespace

SpeechRequest request_template(const json& data, const Router& router) {
  SpeechRequest request;
  request.format = AudioFormat::kPcm;
  if (auto voice = data.find("voice"); voice != data.end() && !voice->is_null()) {
    if (!voice->is_object()) throw ApiError::invalid("'voice' must be an object.", "voice");
    if (auto name = voice->find("name"); name != voice->end() && !name->is_null()) {
      if (!name->is_string() || name->get_ref<const std::string&>().empty()) {
        throw ApiError::invalid("'voice.name' must be a non-empty string.", "voice");
      }
      request.voice = resolve_voice_name(*name, router);
    }
    if (auto language = voice->find("language"); language != voice->end() && !language->is_null()) {
      auto tag = language->is_string()
                     ? normalize_language_tag(language->get_ref<const std::string&>())
                     : std::nullopt;
      if (!tag) {
        throw ApiError::invalid("'voice.language' is not a language tag.", "language",
                                "invalid_language");
      }
      request.language = *tag;
    }
  }
  if (auto format = data.find("text_format"); format != data.end() && format->is_string()) {
    request.ssml = *format == "ssml";
  }
  return request;
}

std::string text_of(const json& data, bool may_be_empty) {
  auto text = data.find("text");
  if (text == data.end() || !text->is_string()) {
    throw ApiError::invalid("'text' must be a string.", "text", "missing_text");
  }
  const std::string& value = text->get_ref<const std::string&>();
  if (!may_be_empty && value.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError::invalid("'text' is empty.", "text", "empty_text");
  }
  return value;
}

}  // namespace chorus::wyoming
