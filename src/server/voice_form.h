#pragma once
// The multipart forms of POST /v1/audio/voices and POST /v1/audio/clone read into plain values,
// every field checked (UTF-8, length, language tag, format) with an OpenAI-shaped ApiError
// naming it. Kept apart from the routes so the form handling can be tested on its own.
#include <cstddef>
#include <optional>
#include <string>

#include "codec/audio_format.h"

namespace httplib {
struct Request;
}

namespace chorus {

inline constexpr std::size_t kMaxVoiceNameChars = 256;
inline constexpr std::size_t kMaxConsentChars = 4096;

// POST /v1/audio/voices: name, language?, consent?, audio_sample.
struct VoiceForm {
  std::string name;
  std::string language;  // normalized tag, or empty
  std::string consent;
  std::string audio;     // the uploaded file's bytes, not yet decoded
};

// POST /v1/audio/clone: text, language?, response_format?, model?, reference_audio,
// voice_name? (keeps the voice), consent? (read only when the voice is kept).
struct CloneForm {
  std::string text;
  std::string language;
  std::optional<AudioFormat> format;
  std::optional<std::string> model;
  std::string audio;
  std::string voice_name;  // empty: a one-shot clone
  std::string consent;
};

// Both throw ApiError: 415 when the body is not multipart/form-data, 400 for a bad field.
VoiceForm read_voice_form(const httplib::Request& req);
CloneForm read_clone_form(const httplib::Request& req, std::size_t max_text_chars);

}  // namespace chorus
