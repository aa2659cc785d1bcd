#include "engines/kokoro/kokoro_espeak_ipa.h"

#include <espeak-ng/speak_lib.h>

#include "core/api_error.h"
#include "engines/espeak/espeak_library.h"

namespace chorus::kokoro {
namespace {

// IPA output, with '^' tying the letters of multi-letter phonemes (what misaki's tables expect).
constexpr int kPhonemeMode = espeakPHONEMES_IPA | espeakPHONEMES_TIE | ('^' << 8);

std::string espeak_ipa(std::string_view text, const std::string& voice) {
  const std::string input(text);  // espeak needs a NUL-terminated buffer
  EspeakLibrary& library = EspeakLibrary::instance();
  auto lock = library.lock();
  if (!library.select_voice(lock, voice)) {
    throw EngineError("kokoro: espeak-ng has no voice '" + voice + "'");
  }
  std::string out;
  const void* cursor = input.c_str();
  // One clause per call; the cursor becomes NULL at the end of the text.
  while (cursor != nullptr) {
    const char* phonemes = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, kPhonemeMode);
    if (phonemes == nullptr) break;
    if (*phonemes == '\0') continue;
    if (!out.empty()) out.push_back(' ');
    out += phonemes;
  }
  return out;
}

}  // namespace

IpaFunction make_espeak_ipa(const std::string& espeak_data_dir) {
  EspeakLibrary::instance().initialize(espeak_data_dir);
  return espeak_ipa;
}

}  // namespace chorus::kokoro
