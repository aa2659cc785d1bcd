#pragma once
// IPA -> eSpeak NG phoneme mnemonics (the names it reads between [[ ]]), for the pronunciation
// markup "[word](/IPA/)" and SSML <phoneme>. The names are those of espeak-ng's English phoneme
// table ("a" æ, "A:" ɑː, "0" ɑ/ɒ, "V" ʌ, "3" ɚ, "T" θ, "D" ð, "S" ʃ, "N" ŋ, ...); other voices
// share most consonant names. Misaki's single-letter diphthongs (A I O Q W Y), which Kokoro's
// IPA uses, are read as their diphthongs.
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

struct EspeakMnemonics {
  std::string phonemes;                // mnemonics; words separated by spaces
  std::vector<std::string> unknown;    // IPA symbols with no mnemonic (dropped)
};

EspeakMnemonics ipa_to_espeak_mnemonics(std::string_view ipa);

}  // namespace chorus
