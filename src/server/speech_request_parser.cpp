#include "server/speech_request_parser.h"

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "router/speech_request_validation.h"
#include "server/lexicon_request.h"
#include "text/language.h"
#include "text/utf8.h"

namespace chorus {
namespace {

using nlohmann::json;

std::string type_name(const json& value) { return value.type_name(); }

ApiError wrong_type(const std::string& field, const std::string& expected, const json& value) {
  return ApiError::invalid("Invalid type for '" + field + "': expected " + expected + ", got " +
                               type_name(value) + ".",
                           field, "invalid_type");
}

std::optional<std::string> optional_string(const json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw wrong_type(field, "a string", *it);
  return it->get<std::string>();
}

std::optional<bool> optional_bool(const json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) throw wrong_type(field, "a boolean", *it);
  return it->get<bool>();
}

void require_json_content_type(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  std::string_view media = content_type.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string lowered(media);
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered != "application/json") {
    throw ApiError(415,
                   "Unsupported Content-Type '" + std::string(content_type) +
                       "': send the request as application/json.",
                   "invalid_request_error", {}, "unsupported_media_type");
  }
}

std::string parse_voice(const json& body) {
  auto it = body.find("voice");
  if (it == body.end() || it->is_null()) return "alloy";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object()) {
    auto id = it->find("id");
    if (id != it->end() && id->is_string()) return id->get<std::string>();
    throw ApiError::invalid("Invalid 'voice': an object voice needs a string 'id'.", "voice",
                            "invalid_type");
  }
  throw wrong_type("voice", "a string or an object with an 'id'", *it);
}

}  // namespace

SpeechRequest parse_speech_request(std::string_view content_type, std::string_view body,
                                   const SpeechLimits& limits) {
  require_json_content_type(content_type);
  if (!is_valid_utf8(body)) {
    throw ApiError::invalid("The request body is not valid UTF-8.", {}, "invalid_utf8");
  }
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    throw ApiError::invalid(
        "We could not parse the JSON body of your request. The body must be a JSON object.", {},
        "invalid_json");
  }
  if (!parsed.is_object()) {
    throw ApiError::invalid("The JSON body must be an object, got " + type_name(parsed) + ".", {},
                            "invalid_json");
  }

  SpeechRequest request;
  if (auto model = optional_string(parsed, "model")) request.model = *model;

  auto input = optional_string(parsed, "input");
  if (!input) {
    throw ApiError::invalid("Missing required parameter: 'input'.", "input",
                            "missing_required_parameter");
  }
  request.input = std::move(*input);
  request.voice = parse_voice(parsed);

  if (auto format = optional_string(parsed, "response_format")) {
    auto parsed_format = parse_audio_format(*format);
    if (!parsed_format) {
      throw ApiError::invalid("Invalid 'response_format' '" + *format +
                                  "': expected one of mp3, opus, aac, flac, wav, pcm.",
                              "response_format", "invalid_value");
    }
    request.format = *parsed_format;
  }

  if (auto it = parsed.find("speed"); it != parsed.end() && !it->is_null()) {
    if (!it->is_number()) throw wrong_type("speed", "a number", *it);
    request.speed = it->get<double>();  // its range: validate()
  }

  if (auto stream_format = optional_string(parsed, "stream_format")) {
    if (*stream_format == "audio") {
      request.stream_format = StreamFormat::kAudio;
    } else if (*stream_format == "sse") {
      request.stream_format = StreamFormat::kSse;
    } else {
      throw ApiError::invalid("Invalid 'stream_format' '" + *stream_format +
                                  "': expected 'audio' or 'sse'.",
                              "stream_format", "invalid_value");
    }
  }

  if (auto instructions = optional_string(parsed, "instructions")) {
    if (utf8_length(*instructions) > limits.max_instructions_chars) {
      throw ApiError::invalid("'instructions' is too long.", "instructions",
                              "string_above_max_length");
    }
    request.instructions = std::move(*instructions);
  }

  request.normalize = optional_bool(parsed, "normalize").value_or(true);
  request.ssml = optional_bool(parsed, "ssml").value_or(false);
  request.timestamps = optional_bool(parsed, "timestamps").value_or(false);
  request.lexicon = parse_lexicon_field(parsed);

  if (auto language = optional_string(parsed, "language")) {
    auto tag = normalize_language_tag(*language);
    if (!tag) {
      throw ApiError::invalid("Invalid 'language' '" + *language +
                                  "': expected an ISO 639-1 code or BCP-47 tag such as 'en', "
                                  "'pt-BR'.",
                              "language", "invalid_language");
    }
    request.language = *tag;
  }
  validate(request, limits.max_input_chars);
  return request;
}

}  // namespace chorus
