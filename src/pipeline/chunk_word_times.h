#pragma once
// Word timings of one chunk on the response's time line (24 kHz output samples from the start of
// the audio), after resampling, tempo, voice matching and the pauses before it.
#include <cstddef>
#include <vector>

#include "engines/word_timing.h"

namespace chorus {

struct ChunkWordTimes {
  std::size_t chunk = 0;          // index into SpeechPlan::chunks
  std::vector<WordTiming> words;  // text spans of the chunk; samples on the output time line
  std::size_t speech_begin = 0;   // the chunk's audio in the output, its pause excluded
  std::size_t speech_end = 0;
};

// Maps the engine's timings of a chunk onto the output: the chunk's `engine_samples` became
// output samples [speech_begin, speech_end), stretched evenly.
ChunkWordTimes place_chunk_words(std::size_t chunk, const std::vector<WordTiming>& words,
                                 std::size_t engine_samples, std::size_t speech_begin, std::size_t speech_end);

}  // namespace chorus
