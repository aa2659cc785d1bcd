#include "engines/espeak/espeak_word_timings.h"

#include <algorithm>

namespace chorus {

std::vector<WordTiming> espeak_word_timings(const std::vector<EspeakLibrary::SynthEvent>& events,
                                            const EspeakInput& input, int sample_rate,
                                            std::size_t total_samples) {
  using Kind = EspeakLibrary::SynthEvent::Kind;
  auto to_sample = [&](int ms) {
    const auto s = static_cast<std::size_t>(std::max(0, ms)) * static_cast<std::size_t>(sample_rate) / 1000;
    return std::min(s, total_samples);
  };
  std::vector<WordTiming> out;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.kind != Kind::kWord || e.text_position < 1) continue;
    const std::size_t begin = input.byte_of_char(static_cast<std::size_t>(e.text_position - 1));
    const std::size_t end =
        input.byte_of_char(static_cast<std::size_t>(e.text_position - 1 + std::max(1, e.length)));
    const auto [chunk_begin, chunk_end] = input.to_chunk(begin, end);
    WordTiming t;
    t.text_begin = chunk_begin;
    t.text_end = chunk_end;
    t.start_sample = to_sample(e.audio_ms);
    t.end_sample = total_samples;
    for (std::size_t j = i + 1; j < events.size(); ++j) {
      if (events[j].audio_ms < e.audio_ms) continue;
      if (events[j].kind == Kind::kWord || events[j].audio_ms > e.audio_ms) {
        t.end_sample = to_sample(events[j].audio_ms);
        break;
      }
    }
    t.end_sample = std::max(t.end_sample, t.start_sample);
    // Phoneme input may report one word per phoneme group: merge them into the markup's span.
    if (!out.empty() && out.back().text_begin == t.text_begin && out.back().text_end == t.text_end) {
      out.back().end_sample = t.end_sample;
      continue;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace chorus
