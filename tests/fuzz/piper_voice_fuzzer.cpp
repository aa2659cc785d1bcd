// Fuzz target: a Piper voice's NAME.onnx.json (parse_voice_config), read for every voice found
// under the models directory and for every voice pulled from the network. The input is the
// file. Besides crashes and sanitizer reports, a failure is: an exception other than
// PiperVoiceError, or an accepted voice that breaks what the parser promises (positive sample
// rate, the '_', '^' and '$' phonemes present, speaker ids within the speaker count).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engines/piper/piper_voice_config.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chorus::piper;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const PiperVoiceConfig voice = parse_voice_config(text, "fuzz.onnx.json");
    check(voice.sample_rate > 0);
    for (char32_t required : {U'_', U'^', U'$'}) {
      auto ids = voice.phoneme_id_map.find(required);
      check(ids != voice.phoneme_id_map.end() && !ids->second.empty());
    }
    check(voice.num_speakers >= 1);
    for (const auto& [name, id] : voice.speaker_id_map) {
      check(id >= 0 && id < voice.num_speakers);
    }
  } catch (const PiperVoiceError&) {
  }
  return 0;
}
