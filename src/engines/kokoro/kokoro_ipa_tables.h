#pragma once
// The misaki-style rewrites that turn espeak-ng IPA (tie character '^') into the symbol set
// Kokoro was trained on: diphthongs as single capitals (A I O Q W Y), affricates as ligatures.
#include <string>
#include <string_view>

namespace chorus::kokoro {

// Non-English languages (es, fr, hi, it, pt-br): misaki's EspeakG2P table, then '^' and '-'
// removed and the bracket stand-ins « » turned back into ( ).
std::string postprocess_espeak_ipa(std::string_view ipa);

// English (en-us, en-gb): misaki's EspeakFallback table (American or British variant).
// `old_espeak` applies the o->ɔ fix needed for espeak-ng before 1.52 (Debian 12 has 1.51).
std::string postprocess_english_ipa(std::string_view ipa, bool british, bool old_espeak = true);

// Before espeak (non-English): « » become “ ”, then ( ) become « » so espeak keeps brackets.
std::string protect_brackets(std::string_view text);

}  // namespace chorus::kokoro
