#include <gtest/gtest.h>

#include <cmath>

#include "engines/kokoro/kokoro_batching.h"

namespace chorus::kokoro {
namespace {

std::string repeat_sentence(const std::string& sentence, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " " : "") + sentence;
  return out;
}

TEST(KokoroBatching, ShortTextIsOneBatch) {
  const auto v = Vocabulary::v1();
  const auto batches = split_batches("həlˈO wˈɜɹld, hˈW ɑɹ ju?", v);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].ids, v.encode(std::string("həlˈO wˈɜɹld, hˈW ɑɹ ju?")));
  EXPECT_TRUE(split_batches("", v).empty());
  EXPECT_TRUE(split_batches("   ǂǂ ", v).empty());
}

TEST(KokoroBatching, LongTextSplitsAtPunctuationWithin510AndRejoins) {
  const auto v = Vocabulary::v1();
  const std::string sentence = "ðə kwˈɪk bɹˈWn fˈɑks, ʤˈʌmps ˈOvəɹ ðə lˈAzi dˈɑɡ.";  // 49 tokens
  const std::string text = repeat_sentence(sentence, 40);
  const auto all = v.encode(text);
  ASSERT_GT(all.size(), 1500u);
  const auto batches = split_batches(text, v);
  ASSERT_GE(batches.size(), 4u);
  std::vector<std::int64_t> joined;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    EXPECT_LE(batches[i].ids.size(), kMaxTokens);
    EXPECT_GT(batches[i].ids.size(), 300u) << "batches are packed greedily";
    // Every batch ends at punctuation.
    const auto last = batches[i].ids.back();
    EXPECT_TRUE(last == v.id(U'.') || last == v.id(U',')) << i;
    if (i) joined.push_back(v.id(U' '));  // the space the split removed
    joined.insert(joined.end(), batches[i].ids.begin(), batches[i].ids.end());
  }
  EXPECT_EQ(joined, all);
}

TEST(KokoroBatching, CutsPiecesWithoutPunctuationAtSpacesThenHard) {
  const auto v = Vocabulary::v1();
  const std::string words = repeat_sentence("abcdefghi", 200);  // 1999 tokens, no punctuation
  const auto batches = split_batches(words, v);
  std::size_t total = 0;
  for (const auto& b : batches) {
    EXPECT_LE(b.ids.size(), kMaxTokens);
    EXPECT_NE(b.ids.front(), v.id(U' '));
    total += b.ids.size();
  }
  EXPECT_EQ(total + batches.size() - 1, v.encode(words).size());

  const std::string word(1200, 'a');  // one word longer than two batches
  const auto hard = split_batches(word, v);
  ASSERT_EQ(hard.size(), 3u);
  EXPECT_EQ(hard[0].ids.size(), kMaxTokens);
  EXPECT_EQ(hard[1].ids.size(), kMaxTokens);
  EXPECT_EQ(hard[2].ids.size(), 1200u - 2 * kMaxTokens);
}

TEST(KokoroBatching, NonSilentRangeLikeLibrosa) {
  std::vector<float> pcm(24000, 0.0f);
  for (std::size_t i = 6000; i < 18000; ++i) pcm[i] = 0.5f * std::sin(0.1f * static_cast<float>(i));
  const auto [begin, end] = non_silent_range(pcm);
  // Frames are 2048 long, hop 512, centered: the edges land within a frame of the signal.
  EXPECT_LE(begin, 6000u);
  EXPECT_GE(begin, 6000u - 2048u);
  EXPECT_GE(end, 18000u);
  EXPECT_LE(end, 18000u + 2048u);
  EXPECT_EQ(begin % 512, 0u);

  EXPECT_EQ(non_silent_range(std::vector<float>(5000, 0.0f)), (std::pair<std::size_t, std::size_t>{0, 0}));
  EXPECT_EQ(non_silent_range({}), (std::pair<std::size_t, std::size_t>{0, 0}));
  const std::vector<float> loud(1000, 0.3f);
  EXPECT_EQ(non_silent_range(loud), (std::pair<std::size_t, std::size_t>{0, 1000}));
}

}  // namespace
}  // namespace chorus::kokoro
