#pragma once
// Word timestamps of a finished speech, in the words the user wrote: the engine's timings of
// the spoken (normalized) words, joined to the written words (text/word_alignment.h).
#include <string>
#include <vector>

#include "pipeline/chunk_word_times.h"
#include "router/speech_plan.h"

namespace chorus {

struct TimedWord {
  std::string word;  // as written
  double start = 0;  // seconds from the start of the audio
  double end = 0;
};

// Monotonic and non-overlapping; every written word appears once, in order (a word that was not
// spoken, such as a dropped emoji name, has start == end).
std::vector<TimedWord> word_timestamps(const SpeechPlan& plan, const std::vector<ChunkWordTimes>& chunks);

}  // namespace chorus
