#include "pipeline/chunk_word_times.h"

#include <algorithm>
#include <cmath>

namespace chorus {

ChunkWordTimes place_chunk_words(std::size_t chunk, const std::vector<WordTiming>& words,
                                 std::size_t engine_samples, std::size_t speech_begin, std::size_t speech_end) {
  ChunkWordTimes out;
  out.chunk = chunk;
  out.speech_begin = speech_begin;
  out.speech_end = std::max(speech_begin, speech_end);
  const double scale = engine_samples > 0
                           ? static_cast<double>(out.speech_end - speech_begin) / static_cast<double>(engine_samples)
                           : 0.0;
  auto place = [&](std::size_t sample) {
    const double local = static_cast<double>(std::min(sample, engine_samples)) * scale;
    return std::min(out.speech_end, speech_begin + static_cast<std::size_t>(std::lround(local)));
  };
  for (const auto& w : words) {
    WordTiming t = w;
    t.start_sample = place(w.start_sample);
    t.end_sample = std::max(t.start_sample, place(w.end_sample));
    out.words.push_back(t);
  }
  return out;
}

}  // namespace chorus
