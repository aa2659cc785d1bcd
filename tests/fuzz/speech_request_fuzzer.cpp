// Fuzz target: the JSON body of POST /v1/audio/speech (parse_speech_request). The first byte
// picks the Content-Type header, the rest is the body. Anything but a valid request or an
// ApiError with a 4xx status is a failure, as is a "valid" request that breaks the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "server/speech_request_parser.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus;
  if (size == 0) return 0;
  static constexpr std::string_view kContentTypes[] = {
      "application/json", "application/json; charset=utf-8", "Application/JSON ", "text/plain", ""};
  const std::string_view content_type = kContentTypes[data[0] % std::size(kContentTypes)];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  SpeechLimits limits;
  limits.max_input_chars = 64 + data[0] % 64u;
  limits.max_instructions_chars = 32;
  try {
    const SpeechRequest request = parse_speech_request(content_type, body, limits);
    if (is_blank(request.input) || !is_valid_utf8(request.input) ||
        utf8_length(request.input) > limits.max_input_chars || request.voice.empty() ||
        !(request.speed >= 0.25 && request.speed <= 4.0) ||
        utf8_length(request.instructions) > limits.max_instructions_chars) {
      std::abort();
    }
  } catch (const ApiError& error) {
    if (error.status() < 400 || error.status() >= 500) std::abort();
  }
  return 0;
}
