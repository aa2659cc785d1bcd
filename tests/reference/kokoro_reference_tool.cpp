// chorus's Kokoro engine as a command, for comparing it with kokoro-onnx on the same inputs
// (tests/reference/kokoro_reference.py):
//   kokoro_reference_tool phonemes LANG TEXT            chorus's G2P of TEXT, one line
//   kokoro_reference_tool synth MODELS_DIR VOICE SPEED OUT PHONEMES
//                                                       synthesizes PHONEMES (no G2P) as the
//                                                       engine does (batches, style rows, trim)
//                                                       and writes float32 samples to OUT
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/cancel_token.h"
#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_espeak_ipa.h"
#include "engines/kokoro/kokoro_japanese.h"
#include "engines/kokoro/kokoro_model_files.h"

using namespace chorus;
using namespace chorus::kokoro;

namespace {

int usage() {
  std::fprintf(stderr, "usage: kokoro_reference_tool phonemes LANG TEXT\n"
                       "       kokoro_reference_tool synth MODELS_DIR VOICE SPEED OUT PHONEMES\n");
  return 2;
}

int phonemes(const std::string& language_tag, const std::string& text) {
  const auto language = find_phonemizer_language(language_tag);
  if (!language) {
    std::fprintf(stderr, "no phonemizer for %s\n", language_tag.c_str());
    return 1;
  }
  JapaneseFunction japanese;
  if (language->japanese) {
    auto g2p = std::make_shared<JapaneseG2P>();
    japanese = [g2p](std::string_view t) { return g2p->phonemize(t); };
  }
  Phonemizer phonemizer(make_espeak_ipa(""), japanese);
  std::cout << phonemizer.phonemize(text, *language) << "\n";
  return 0;
}

int synth(const std::string& models_dir, const std::string& voice, float speed, const std::string& out_path,
          const std::string& text) {
  const auto files = find_kokoro_files(models_dir);
  if (!files) {
    std::fprintf(stderr, "no Kokoro model in %s/kokoro\n", models_dir.c_str());
    return 1;
  }
  KokoroConfig config;
  config.model_path = files->model;
  config.voices_path = files->voices;
  KokoroEngine engine(config, make_espeak_ipa(""));
  const auto blend = parse_voice_blend(voice);
  if (!blend) return usage();
  std::vector<float> pcm;
  CancelToken cancel;
  engine.synthesize_phonemes(text, *blend, speed, [&](std::span<const float> s) {
    pcm.insert(pcm.end(), s.begin(), s.end());
    return true;
  }, cancel);
  std::ofstream out(out_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(pcm.data()), static_cast<std::streamsize>(pcm.size() * sizeof(float)));
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 4 && std::strcmp(argv[1], "phonemes") == 0) return phonemes(argv[2], argv[3]);
    if (argc == 7 && std::strcmp(argv[1], "synth") == 0) {
      return synth(argv[2], argv[3], std::strtof(argv[4], nullptr), argv[5], argv[6]);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kokoro_reference_tool: %s\n", e.what());
    return 1;
  }
  return usage();
}
