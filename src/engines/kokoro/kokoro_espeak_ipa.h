#pragma once
// espeak-ng as Kokoro's G2P: the shared phonemizer's IPA (engines/phonemizer/espeak_phonemes.h),
// under the process-wide espeak lock every espeak-ng user in the process shares.
#include <string>

#include "engines/kokoro/kokoro_phonemizer.h"

namespace chorus::kokoro {

// Initializes libespeak-ng once for the process (no-op when already done) and returns the
// phonemizer backend. Throws EngineError when the data cannot be loaded.
IpaFunction make_espeak_ipa(const std::string& espeak_data_dir);

}  // namespace chorus::kokoro
