#pragma once
// Word timings from espeak-ng's events: a word starts at its espeakEVENT_WORD and lasts until the
// next word starts or its clause ends (so a comma's pause is not counted as speech).
#include <cstddef>
#include <vector>

#include "engines/espeak/espeak_input.h"
#include "engines/phonemizer/espeak_library.h"
#include "engines/word_timing.h"

namespace chorus {

// `total_samples`: samples espeak produced for the input; timings never pass it.
std::vector<WordTiming> espeak_word_timings(const std::vector<EspeakLibrary::SynthEvent>& events,
                                            const EspeakInput& input, int sample_rate,
                                            std::size_t total_samples);

}  // namespace chorus
