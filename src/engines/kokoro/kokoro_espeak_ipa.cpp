#include "engines/kokoro/kokoro_espeak_ipa.h"

#include "engines/phonemizer/espeak_phonemes.h"

namespace chorus::kokoro {

IpaFunction make_espeak_ipa(const std::string& espeak_data_dir) {
  initialize_espeak_phonemes(espeak_data_dir);
  // IPA with '^' tying the letters of multi-letter phonemes (what misaki's tables expect).
  return [](std::string_view text, const std::string& voice) { return espeak_ipa(text, voice, '^'); };
}

}  // namespace chorus::kokoro
