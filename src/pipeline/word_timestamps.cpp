#include "pipeline/word_timestamps.h"

#include <algorithm>

#include "core/audio_constants.h"
#include "text/word_alignment.h"
#include "text/word_spans.h"

namespace chorus {
namespace {

struct SpokenWord {
  std::string text;
  std::size_t start = 0, end = 0;  // output samples
  bool timed = false;
};

// Times the chunk's spoken words from the engine's spans: a span's time is shared among the
// words that start inside it by their length; words no span covers fill the gap around them.
std::vector<SpokenWord> time_chunk_words(std::string_view chunk_text, const ChunkWordTimes& times) {
  std::vector<SpokenWord> words;
  const auto spans = chunk_word_spans(chunk_text);
  for (const auto& [b, e] : spans) words.push_back({std::string(chunk_text.substr(b, e - b)), 0, 0, false});
  for (const auto& t : times.words) {
    std::vector<std::size_t> inside;
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const bool starts_inside = spans[i].first >= t.text_begin && spans[i].first < std::max(t.text_end, t.text_begin + 1);
      if (starts_inside && !words[i].timed) {
        inside.push_back(i);
        bytes += spans[i].second - spans[i].first;
      }
    }
    std::size_t at = t.start_sample, used = 0;
    for (std::size_t i : inside) {
      used += spans[i].second - spans[i].first;
      const std::size_t end = t.start_sample + (t.end_sample - t.start_sample) * used / std::max<std::size_t>(1, bytes);
      words[i].start = at;
      words[i].end = end;
      words[i].timed = true;
      at = end;
    }
  }
  // Untimed runs share the time between their neighbours.
  for (std::size_t i = 0; i < words.size();) {
    if (words[i].timed) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < words.size() && !words[j].timed) ++j;
    const std::size_t from = i > 0 ? words[i - 1].end : times.speech_begin;
    const std::size_t to = std::max(from, j < words.size() ? words[j].start : times.speech_end);
    for (std::size_t k = i; k < j; ++k) {
      words[k].start = from + (to - from) * (k - i) / (j - i);
      words[k].end = from + (to - from) * (k - i + 1) / (j - i);
    }
    i = j;
  }
  return words;
}

}  // namespace

std::vector<TimedWord> word_timestamps(const SpeechPlan& plan, const std::vector<ChunkWordTimes>& chunks) {
  std::vector<SpokenWord> spoken;
  for (const auto& times : chunks) {
    if (times.chunk >= plan.chunks.size()) continue;
    auto words = time_chunk_words(plan.chunks[times.chunk].text, times);
    spoken.insert(spoken.end(), std::make_move_iterator(words.begin()), std::make_move_iterator(words.end()));
  }
  std::vector<std::string> spoken_text;
  for (const auto& w : spoken) spoken_text.push_back(w.text);
  const std::vector<long> owner = align_words(plan.written_words, spoken_text, plan.language);

  constexpr double kRate = kOutputSampleRate;
  std::vector<TimedWord> out;
  std::size_t next = 0;  // first spoken word not yet given out
  double previous_end = 0;
  for (std::size_t w = 0; w < plan.written_words.size(); ++w) {
    TimedWord timed{plan.written_words[w], previous_end, previous_end};
    bool any = false;
    for (std::size_t s = next; s < spoken.size(); ++s) {
      if (owner[s] > static_cast<long>(w)) break;
      next = s + 1;
      if (owner[s] != static_cast<long>(w)) continue;
      if (!any) timed.start = std::max(previous_end, static_cast<double>(spoken[s].start) / kRate);
      timed.end = std::max(timed.start, static_cast<double>(spoken[s].end) / kRate);
      any = true;
    }
    previous_end = timed.end;
    out.push_back(std::move(timed));
  }
  return out;
}

}  // namespace chorus
