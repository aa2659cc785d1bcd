#include "engines/piper/piper_voice_catalog.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "text/language.h"

namespace chorus::piper {
namespace fs = std::filesystem;

std::string voice_language(const PiperVoiceConfig& config, const std::string& name) {
  std::string code = config.language_code;
  if (code.empty()) code = name.substr(0, name.find('-'));  // "en_US-joe-medium" -> "en_US"
  return normalize_language_tag(code).value_or("");
}

std::vector<InstalledVoice> scan_voices(const std::string& piper_dir) {
  std::vector<InstalledVoice> voices;
  std::error_code ec;
  if (!fs::is_directory(piper_dir, ec)) return voices;
  for (const auto& entry : fs::directory_iterator(piper_dir, ec)) {
    const fs::path path = entry.path();
    if (path.extension() != ".onnx" || !entry.is_regular_file(ec)) continue;
    InstalledVoice voice;
    voice.name = path.stem().string();
    voice.model_path = path.string();
    voice.model_bytes = entry.file_size(ec);
    const std::string json_path = path.string() + ".json";
    if (!fs::exists(json_path, ec)) {
      spdlog::error("piper: voice {} not loaded: {} is missing", voice.name, json_path);
      continue;
    }
    try {
      voice.config = load_voice_config(json_path);
    } catch (const PiperVoiceError& e) {
      spdlog::error("piper: voice {} not loaded: {}", voice.name, e.what());
      continue;
    }
    voice.language = voice_language(voice.config, voice.name);
    if (voice.language.empty()) {
      spdlog::error("piper: voice {} not loaded: no language (language.code or a NAME like en_US-...)", voice.name);
      continue;
    }
    voices.push_back(std::move(voice));
  }
  std::sort(voices.begin(), voices.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return voices;
}

}  // namespace chorus::piper
