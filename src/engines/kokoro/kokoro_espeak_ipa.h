#pragma once
// espeak-ng as Kokoro's G2P: IPA through espeak_TextToPhonemes, under the process-wide espeak
// lock (engines/espeak/espeak_library.h) shared with the espeak engine.
#include <string>

#include "engines/kokoro/kokoro_phonemizer.h"

namespace chorus::kokoro {

// Initializes libespeak-ng once for the process (no-op when already done) and returns the
// phonemizer backend. Throws EngineError when the data cannot be loaded.
IpaFunction make_espeak_ipa(const std::string& espeak_data_dir);

}  // namespace chorus::kokoro
