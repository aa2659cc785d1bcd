#include "pipeline/word_timestamps.h"

#include <gtest/gtest.h>

#include "pipeline/chunk_word_times.h"

namespace chorus {
namespace {

WordTiming timing(const std::string& text, const std::string& word, std::size_t start, std::size_t end) {
  const std::size_t at = text.find(word);
  return {at, at + word.size(), start, end};
}

TEST(PlaceChunkWords, StretchesEngineSamplesOntoTheOutput) {
  // 22050 engine samples became output samples [48000, 72000): a second at 24 kHz, half tempo.
  const auto placed = place_chunk_words(3, {{0, 5, 0, 11025}, {6, 9, 11025, 22050}}, 22050, 48000, 72000);
  EXPECT_EQ(placed.chunk, 3u);
  ASSERT_EQ(placed.words.size(), 2u);
  EXPECT_EQ(placed.words[0].start_sample, 48000u);
  EXPECT_EQ(placed.words[0].end_sample, 60000u);
  EXPECT_EQ(placed.words[1].end_sample, 72000u);
  // Timings past the engine's samples never leave the chunk.
  EXPECT_EQ(place_chunk_words(0, {{0, 1, 30000, 40000}}, 22050, 0, 24000).words[0].start_sample, 24000u);
}

TEST(WordTimestamps, WrittenWordsCoverTheirSpokenWords) {
  SpeechPlan plan;
  plan.language = "en";
  plan.chunks = {{"Doctor Smith paid five dollars.", 1.0}, {"Bye [now](/naʊ/).", 0}};
  plan.written_words = {"Dr.", "Smith", "paid", "$5", "Bye", "now"};
  const std::string& a = plan.chunks[0].text;
  const std::string& b = plan.chunks[1].text;
  std::vector<ChunkWordTimes> chunks(2);
  chunks[0].chunk = 0;
  chunks[0].speech_begin = 0;
  chunks[0].speech_end = 24000;
  // "five dollars." reported as one stretch, "Smith" not reported at all.
  chunks[0].words = {timing(a, "Doctor", 0, 4800), timing(a, "paid", 9600, 12000),
                     {a.find("five"), a.size(), 12000, 24000}};
  chunks[1].chunk = 1;
  chunks[1].speech_begin = 48000;  // after a one-second pause
  chunks[1].speech_end = 60000;
  chunks[1].words = {timing(b, "Bye", 48000, 52000), timing(b, "[now](/naʊ/)", 52000, 60000)};

  const auto words = word_timestamps(plan, chunks);
  ASSERT_EQ(words.size(), 6u);
  EXPECT_EQ(words[0].word, "Dr.");
  EXPECT_DOUBLE_EQ(words[0].start, 0.0);
  EXPECT_DOUBLE_EQ(words[0].end, 0.2);
  EXPECT_DOUBLE_EQ(words[1].start, 0.2);  // the gap between its neighbours
  EXPECT_DOUBLE_EQ(words[1].end, 0.4);
  EXPECT_EQ(words[3].word, "$5");
  EXPECT_DOUBLE_EQ(words[3].start, 0.5);
  EXPECT_DOUBLE_EQ(words[3].end, 1.0);
  EXPECT_DOUBLE_EQ(words[4].start, 2.0);
  EXPECT_EQ(words[5].word, "now");
  EXPECT_DOUBLE_EQ(words[5].end, 2.5);
  for (std::size_t i = 1; i < words.size(); ++i) EXPECT_GE(words[i].start, words[i - 1].end);
}

}  // namespace
}  // namespace chorus
