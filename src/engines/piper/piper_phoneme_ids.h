#pragma once
// Phonemes -> the model's input ids, by Piper's rules: the start ids, a pad, then each phoneme's
// ids followed by a pad, then the end ids. Phonemes missing from the map are dropped.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "engines/piper/piper_voice_config.h"

namespace chorus::piper {

// `phonemes` are code points after phoneme_map. Dropped phonemes are added to `missing`.
std::vector<std::int64_t> phoneme_ids(std::u32string_view phonemes, const PiperVoiceConfig& voice,
                                      std::set<char32_t>* missing = nullptr);

// Canonical decomposition (NFD) of the precomposed Latin letters espeak-ng writes in IPA ("ç" ->
// "c" + U+0327, "é" -> "e" + U+0301, ...), as Piper does before looking ids up: its voices were
// trained on decomposed phonemes. Other code points are kept as they are.
std::u32string decompose_phonemes(std::u32string_view phonemes);

// Applies the voice's phoneme_map (one code point -> replacement code points).
std::u32string map_phonemes(std::u32string_view phonemes, const PiperVoiceConfig& voice);

}  // namespace chorus::piper
