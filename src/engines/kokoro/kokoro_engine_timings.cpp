// KokoroEngine's word timings: phoneme words (timed by KokoroWordClock) joined to the chunk text
// they came from (kokoro_chunk_phonemes.h).
#include <algorithm>

#include "engines/kokoro/kokoro_engine.h"

namespace chorus::kokoro {

void KokoroEngine::report_word_timings(const SynthesisRequest& request,
                                       const std::vector<std::pair<std::size_t, std::size_t>>& word_sources,
                                       const KokoroWordClock& clock) {
  const auto& words = clock.words();
  const std::size_t n = std::min(words.size(), word_sources.size());
  std::vector<WordTiming> timings;
  for (std::size_t i = 0; i < n; ++i) {
    const WordTiming t{word_sources[i].first, word_sources[i].second, words[i].first,
                       std::max(words[i].first, words[i].second)};
    // Phoneme words of one merged stretch become one timing.
    if (!timings.empty() && timings.back().text_begin == t.text_begin && timings.back().text_end == t.text_end) {
      timings.back().end_sample = t.end_sample;
    } else {
      timings.push_back(t);
    }
  }
  for (const auto& t : timings) request.on_word(t);
}

}  // namespace chorus::kokoro
