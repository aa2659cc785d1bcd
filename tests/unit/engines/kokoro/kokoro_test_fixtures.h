#pragma once
// Generates the stand-in models and voices (tests/fixtures/kokoro/make_test_model.py) once per
// test process into a temp dir, and decodes what a stand-in model was fed from its output.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <memory>
#include <string_view>
#include <vector>

#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_model_files.h"

namespace chorus::kokoro::testing {

inline const std::string& fixture_dir() {
  // Never destroyed: the atexit cleanup below is registered before this string's destructor
  // would be, so it runs after it (AddressSanitizer: heap-use-after-free at exit).
  static const std::string& dir = *new const std::string([] {
    const auto base = std::filesystem::temp_directory_path() /
                      ("chorus-kokoro-fixtures-" + std::to_string(::getpid()));
    std::filesystem::create_directories(base);
    const std::string cmd = std::string("/usr/bin/python3 ") + CHORUS_SOURCE_DIR +
                            "/tests/fixtures/kokoro/make_test_model.py " + base.string();
    if (std::system(cmd.c_str()) != 0) {
      ADD_FAILURE() << "fixture generation failed: " << cmd << " (needs python3-onnx, python3-numpy)";
    }
    std::atexit([] { std::error_code ec; std::filesystem::remove_all(fixture_dir(), ec); });
    return base.string();
  }());
  return dir;
}

inline std::string variant_dir(const std::string& variant) { return fixture_dir() + "/" + variant; }

// Voice number (1-based) in the fixture's VOICES order.
inline int voice_number(const std::string& name) {
  static const char* kVoices[] = {"af_heart", "af_bella", "af_sky",   "am_adam",    "bf_emma",  "bm_george",
                                  "ef_dora",  "em_alex",  "ff_siwis", "hf_alpha",   "if_sara",  "jf_alpha",
                                  "pf_dora",  "zf_xiaobei", "af_alloy", "am_onyx"};
  for (int i = 0; i < 16; ++i) {
    if (name == kVoices[i]) return i + 1;
  }
  return -1;
}

inline float fixture_style(int voice, int row, int k) {
  return static_cast<float>(voice + row / 1024.0 + k / 262144.0);
}

// What the stand-in model saw, decoded from its output.
struct Decoded {
  std::vector<std::int64_t> tokens;  // with pads
  float style0 = 0, style128 = 0, style255 = 0;
  float speed = 0;
  std::size_t tone_samples = 0;
};

inline Decoded decode(const std::vector<float>& pcm) {
  Decoded d;
  if (pcm.empty()) return d;
  const auto len = static_cast<std::size_t>(std::lround(pcm[0] * 1024));
  if (pcm.size() < len + 5) return d;
  for (std::size_t i = 0; i < len; ++i) d.tokens.push_back(std::lround(pcm[1 + i] * 256));
  d.style0 = pcm[len + 1];
  d.style128 = pcm[len + 2];
  d.style255 = pcm[len + 3];
  d.speed = pcm[len + 4] * 4;
  d.tone_samples = pcm.size() - (len + 5);
  return d;
}

// Phonemes stand in for espeak: the text is returned as its own "IPA".
inline std::string echo_ipa(std::string_view text, const std::string&) { return std::string(text); }

// The engine on one generated export variant, one intra-op thread, echo_ipa as its phonemizer.
inline std::unique_ptr<KokoroEngine> load_engine(const std::string& variant) {
  const auto files = find_kokoro_files(variant_dir(variant));
  EXPECT_TRUE(files) << variant;
  if (!files) return nullptr;
  KokoroConfig config;
  config.model_path = files->model;
  config.voices_path = files->voices;
  config.intra_op_threads = 1;
  return std::make_unique<KokoroEngine>(config, echo_ipa);
}

}  // namespace chorus::kokoro::testing
