#include "voices/voice_backend.h"

#include "voices/analysis_json.h"

namespace chorus::voices {

VoiceRecord record_from_columns(std::string id, std::string name, std::string language,
                                std::string consent, std::optional<std::string> owner,
                                std::int64_t created_at, const std::string& analysis_json) {
  VoiceRecord record;
  record.id = std::move(id);
  record.name = std::move(name);
  record.language = std::move(language);
  record.consent = std::move(consent);
  record.owner = std::move(owner);
  record.created_at = created_at;
  record.analysis =
      analysis_from_json(nlohmann::json::parse(analysis_json, nullptr, /*allow_exceptions=*/false));
  return record;
}

}  // namespace chorus::voices
