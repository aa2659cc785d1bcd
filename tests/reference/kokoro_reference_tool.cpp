// chorus's Kokoro engine as a command, for comparing it with kokoro-onnx on the same inputs
// (tests/reference/kokoro_reference.py). Both modes read standard input line by line, so the
// model loads once:
//   kokoro_reference_tool phonemes LANG
//       each line a text; prints chorus's G2P of it, one line each
//   kokoro_reference_tool synth MODELS_DIR VOICE OUTDIR
//       each line "SPEED<TAB>PHONEMES"; synthesizes the phonemes (no G2P) as the engine does
//       (batches, style rows, output guard, trim) and writes float32 samples to OUTDIR/N.f32;
//       with --untrimmed after OUTDIR, the model's output is written as it came (less a burst)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/cancel_token.h"
#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_espeak_ipa.h"
#include "engines/kokoro/kokoro_japanese.h"
#include "engines/kokoro/kokoro_model_files.h"

using namespace chorus;
using namespace chorus::kokoro;

namespace {

int usage() {
  std::fprintf(stderr, "usage: kokoro_reference_tool phonemes LANG < texts\n"
                       "       kokoro_reference_tool synth MODELS_DIR VOICE OUTDIR [--untrimmed] < speed-tab-phonemes\n");
  return 2;
}

int phonemes(const std::string& language_tag) {
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
  for (std::string text; std::getline(std::cin, text);) std::cout << phonemizer.phonemize(text, *language) << std::endl;
  return 0;
}

int synth(const std::string& models_dir, const std::string& voice, const std::string& out_dir, bool trim) {
  const auto files = find_kokoro_files(models_dir);
  if (!files) {
    std::fprintf(stderr, "no Kokoro model in %s/kokoro\n", models_dir.c_str());
    return 1;
  }
  KokoroConfig config;
  config.model_path = files->model;
  config.voices_path = files->voices;
  config.trim_silence = trim;
  KokoroEngine engine(config, make_espeak_ipa(""));
  const auto blend = parse_voice_blend(voice);
  if (!blend) return usage();
  int n = 0;
  for (std::string line; std::getline(std::cin, line); ++n) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) return usage();
    const float speed = std::strtof(line.substr(0, tab).c_str(), nullptr);
    std::vector<float> pcm;
    CancelToken cancel;
    engine.synthesize_phonemes(line.substr(tab + 1), *blend, speed, [&](std::span<const float> s) {
      pcm.insert(pcm.end(), s.begin(), s.end());
      return true;
    }, cancel);
    std::ofstream out(out_dir + "/" + std::to_string(n) + ".f32", std::ios::binary);
    out.write(reinterpret_cast<const char*>(pcm.data()), static_cast<std::streamsize>(pcm.size() * sizeof(float)));
    if (!out) return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);  // standard output carries the results
  try {
    if (argc == 3 && std::strcmp(argv[1], "phonemes") == 0) return phonemes(argv[2]);
    if ((argc == 5 || (argc == 6 && std::strcmp(argv[5], "--untrimmed") == 0)) && std::strcmp(argv[1], "synth") == 0) {
      return synth(argv[2], argv[3], argv[4], argc == 5);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kokoro_reference_tool: %s\n", e.what());
    return 1;
  }
  return usage();
}
