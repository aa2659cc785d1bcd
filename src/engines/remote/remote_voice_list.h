#pragma once
// Reads a server's GET /v1/audio/voices answer. OpenAI-compatible servers disagree on its shape:
// chorus answers {"voices": [{"id", "name", "language", "gender", ...}]}, Kokoro-FastAPI
// {"voices": ["af_bella", ...]}, others a bare array or {"data": [...]}. All are accepted.
#include <string>
#include <string_view>
#include <vector>

namespace chorus::remote {

struct RemoteVoice {
  std::string id;        // as the server names it (what is sent back in "voice")
  std::string name;      // human readable; the id when the server gives none
  std::string language;  // lower-case BCP-47 tag, or empty when unknown
  std::string gender;    // "female", "male" or empty
};

// Throws EngineError when the text is not JSON or holds no recognizable voice list.
// Entries without a usable id are skipped; duplicate ids are kept once.
std::vector<RemoteVoice> parse_voice_list(std::string_view json_text);

// Voices from a configured list of ids (no languages or genders known).
std::vector<RemoteVoice> static_voice_list(const std::vector<std::string>& ids);

}  // namespace chorus::remote
