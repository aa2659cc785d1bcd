#include "router/speech_request_validation.h"

#include <cmath>
#include <sstream>

#include "core/api_error.h"
#include "core/speech_bounds.h"
#include "text/language.h"
#include "text/utf8.h"

namespace chorus {
namespace {

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

void validate(const SpeechRequest& request, std::size_t max_input_chars, InputCheck input) {
  if (input == InputCheck::kNow && is_blank(request.input)) {
    throw ApiError::invalid("'input' is empty: give some text to speak.", "input", "empty_input");
  }
  if (input == InputCheck::kNow && max_input_chars > 0) {
    if (std::size_t length = utf8_length(request.input); length > max_input_chars) {
      throw ApiError::invalid("'input' is too long: " + std::to_string(length) +
                                  " characters, the maximum is " +
                                  std::to_string(max_input_chars) + ".",
                              "input", "string_above_max_length");
    }
  }
  if (request.voice.empty()) {
    throw ApiError::invalid("'voice' is empty.", "voice", "voice_not_found");
  }
  if (!std::isfinite(request.speed) || request.speed < kMinSpeechSpeed ||
      request.speed > kMaxSpeechSpeed) {
    throw ApiError::invalid("Invalid 'speed' " + number_text(request.speed) + ": expected " +
                                speech_speed_range_text() + ".",
                            "speed", "invalid_value");
  }
  if (request.language) {
    auto tag = normalize_language_tag(*request.language);
    if (!tag || *tag != *request.language) {
      throw ApiError::invalid("Invalid 'language' '" + *request.language +
                                  "': expected an ISO 639-1 code or BCP-47 tag such as 'en', "
                                  "'pt-BR'.",
                              "language", "invalid_language");
    }
  }
}

}  // namespace chorus
