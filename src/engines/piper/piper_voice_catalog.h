#pragma once
// The Piper voices installed under DIR/piper/: every NAME.onnx with its NAME.onnx.json. Only the
// JSON is read here (small); graphs are loaded on first use (piper_voice_cache.h). A voice whose
// JSON is unusable is logged with the reason and left out; the others still serve.
#include <string>
#include <vector>

#include "engines/piper/piper_voice_config.h"

namespace chorus::piper {

struct InstalledVoice {
  std::string name;        // "en_US-joe-medium"
  std::string model_path;  // .../en_US-joe-medium.onnx
  std::string language;    // chorus tag, "en-us"
  std::uintmax_t model_bytes = 0;
  PiperVoiceConfig config;
};

// Sorted by name. A missing directory is no voices, not an error.
std::vector<InstalledVoice> scan_voices(const std::string& piper_dir);

// "en_US" -> "en-us"; from the file name when the JSON has no language.code.
std::string voice_language(const PiperVoiceConfig& config, const std::string& name);

}  // namespace chorus::piper
