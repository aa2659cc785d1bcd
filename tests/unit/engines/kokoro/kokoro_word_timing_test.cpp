// Word timings and pronunciation markup through the Kokoro engine on the stand-in graphs, whose
// duration output is 1 + (token id mod 2) frames per token (make_test_model.py).
#include <gtest/gtest.h>

#include "engines/kokoro/kokoro_chunk_phonemes.h"
#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_model_files.h"
#include "kokoro_test_fixtures.h"

namespace chorus::kokoro {
namespace {

using testing::decode;
using testing::echo_ipa;
using testing::load_engine;
using testing::variant_dir;

struct Result {
  std::vector<float> pcm;
  std::vector<WordTiming> words;
};

Result speak(KokoroEngine& engine, const std::string& text, float speed = 1.0f) {
  Result r;
  SynthesisRequest request;
  request.text = text;
  request.voice_id = "af_sky";
  request.language = "en-us";
  request.speed = speed;
  request.on_word = [&](const WordTiming& t) { r.words.push_back(t); };
  CancelToken cancel;
  engine.synthesize(request, [&](std::span<const float> s) { r.pcm.insert(r.pcm.end(), s.begin(), s.end()); return true; },
                    cancel);
  return r;
}

void expect_timing(const WordTiming& t, std::size_t b, std::size_t e, std::size_t start, std::size_t end) {
  EXPECT_EQ(t.text_begin, b);
  EXPECT_EQ(t.text_end, e);
  EXPECT_EQ(t.start_sample, start);
  EXPECT_EQ(t.end_sample, end);
}

TEST(KokoroWordTiming, DurationOutputTimesEachWord) {
  auto engine = load_engine("v1.1");
  ASSERT_TRUE(engine);
  ASSERT_TRUE(engine->info().word_timings);
  // Echo phonemizer, then misaki's English table ("e" -> "A"): ids 43 44 16 45 46 3 16 24 48
  // between pads; frames 1 | 2 1 1 2 1 2 1 1 1 | 1 = 14 over 11 + 5 + 11 * 600 = 6616 samples.
  const Result r = speak(*engine, "ab cd, ef");
  ASSERT_EQ(r.pcm.size(), 6616u);
  ASSERT_EQ(r.words.size(), 3u);
  expect_timing(r.words[0], 0, 2, 473, 1890);    // frames 1..4
  expect_timing(r.words[1], 3, 6, 2363, 4726);   // frames 5..10 (the comma is part of the word)
  expect_timing(r.words[2], 7, 9, 5198, 6143);   // frames 11..13
}

TEST(KokoroWordTiming, SpeedIsInTheAudioLength) {
  auto engine = load_engine("v1.1");
  ASSERT_TRUE(engine);
  const Result r = speak(*engine, "ab cd, ef", 2.0f);
  ASSERT_EQ(r.pcm.size(), 16u + 3300u);
  ASSERT_EQ(r.words.size(), 3u);
  EXPECT_NEAR(static_cast<double>(r.words[2].end_sample), 6143.0 * 3316 / 6616, 2.0);
}

TEST(KokoroWordTiming, WithoutDurationOutputTokensShareTheAudio) {
  auto engine = load_engine("taylorchu");
  ASSERT_TRUE(engine);
  const Result r = speak(*engine, "ab cd, ef");
  ASSERT_EQ(r.words.size(), 3u);
  // One frame per position: 11 frames over 6616 samples.
  EXPECT_EQ(r.words[0].start_sample, 601u);
  EXPECT_EQ(r.words[0].end_sample, 1804u);
  EXPECT_EQ(r.words[2].end_sample, 6015u);
}

TEST(KokoroPronunciation, IpaGoesIntoTheTokens) {
  auto engine = load_engine("v1.1");
  ASSERT_TRUE(engine);
  ASSERT_TRUE(engine->info().accepts_ipa_markup);
  const std::string text = "ab [xyz](/cd/) ef";
  const Result r = speak(*engine, text);
  // "cd" is spoken, not "xyz".
  EXPECT_EQ(decode(r.pcm).tokens, (std::vector<std::int64_t>{0, 43, 44, 16, 45, 46, 16, 24, 48, 0}));
  ASSERT_EQ(r.words.size(), 3u);
  EXPECT_EQ(text.substr(r.words[1].text_begin, r.words[1].text_end - r.words[1].text_begin), "[xyz](/cd/)");
}

TEST(KokoroChunkPhonemes, MergedWordsShareTheirStretch) {
  // A phonemizer that joins two words into one: both get the whole stretch.
  Phonemizer joining([](std::string_view, const std::string&) { return std::string("abcd"); });
  const auto language = find_phonemizer_language("es");
  ASSERT_TRUE(language);
  const ChunkPhonemes c = phonemize_chunk(joining, "uno dos", *language, Vocabulary::v1());
  EXPECT_EQ(c.phonemes, "abcd");
  ASSERT_EQ(c.word_sources.size(), 1u);
  EXPECT_EQ(c.word_sources[0], (std::pair<std::size_t, std::size_t>{0, 7}));
  EXPECT_EQ(count_phoneme_words("ab , “cd” ef", Vocabulary::v1()), 4u);
}

}  // namespace
}  // namespace chorus::kokoro
