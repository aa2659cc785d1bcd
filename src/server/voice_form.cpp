#include "server/voice_form.h"

#include <httplib.h>

#include "core/api_error.h"
#include "text/language.h"
#include "text/utf8.h"

namespace chorus {
namespace {

void require_multipart(const httplib::Request& req) {
  if (!req.is_multipart_form_data()) {
    throw ApiError(415, "Send this request as multipart/form-data (a form with the audio file).",
                   "invalid_request_error", {}, "unsupported_media_type");
  }
}

std::optional<std::string> form_text(const httplib::Request& req, const std::string& field,
                                     std::size_t max_chars) {
  if (!req.has_file(field)) return std::nullopt;
  std::string value = req.get_file_value(field).content;
  if (!is_valid_utf8(value)) {
    throw ApiError::invalid("'" + field + "' is not valid UTF-8.", field, "invalid_utf8");
  }
  if (utf8_length(value) > max_chars) {
    throw ApiError::invalid("'" + field + "' is longer than " + std::to_string(max_chars) +
                                " characters.",
                            field, "string_above_max_length");
  }
  return value;
}

std::string required_text(const httplib::Request& req, const std::string& field,
                          std::size_t max_chars) {
  auto value = form_text(req, field, max_chars);
  if (!value) {
    throw ApiError::invalid("Missing required parameter: '" + field + "'.", field,
                            "missing_required_parameter");
  }
  if (value->find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError::invalid("'" + field + "' is empty.", field, "empty_" + field);
  }
  return *value;
}

std::string audio_field(const httplib::Request& req, const std::string& field) {
  if (!req.has_file(field)) {
    throw ApiError::invalid("Missing required parameter: '" + field + "' (the audio file).", field,
                            "missing_required_parameter");
  }
  return req.get_file_value(field).content;
}

std::string language_field(const httplib::Request& req) {
  auto value = form_text(req, "language", 64);
  if (!value || value->empty()) return {};
  auto tag = normalize_language_tag(*value);
  if (!tag) throw ApiError::invalid("Invalid 'language': " + *value + ".", "language", "invalid_language");
  return *tag;
}

}  // namespace

VoiceForm read_voice_form(const httplib::Request& req) {
  require_multipart(req);
  VoiceForm form;
  form.name = required_text(req, "name", kMaxVoiceNameChars);
  form.language = language_field(req);
  form.consent = form_text(req, "consent", kMaxConsentChars).value_or("");
  form.audio = audio_field(req, "audio_sample");
  return form;
}

CloneForm read_clone_form(const httplib::Request& req, std::size_t max_text_chars) {
  require_multipart(req);
  CloneForm form;
  form.text = required_text(req, "text", max_text_chars);
  form.language = language_field(req);
  if (auto format = form_text(req, "response_format", 16)) {
    form.format = parse_audio_format(*format);
    if (!form.format) {
      throw ApiError::invalid("Invalid 'response_format': " + *format +
                                  " (mp3, opus, aac, flac, wav, pcm).",
                              "response_format", "invalid_value");
    }
  }
  form.model = form_text(req, "model", 64);
  form.audio = audio_field(req, "reference_audio");
  form.voice_name = form_text(req, "voice_name", kMaxVoiceNameChars).value_or("");
  if (!form.voice_name.empty()) {
    form.consent = form_text(req, "consent", kMaxConsentChars).value_or("");
  }
  return form;
}

}  // namespace chorus
