#include "text/chunker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/utf8.h"

namespace chorus {
namespace {

std::vector<std::string> texts(const std::vector<TextChunk>& chunks) {
  std::vector<std::string> out;
  for (const auto& c : chunks) out.push_back(c.text);
  return out;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Properties every chunking must have, whatever the input.
void expect_invariants(const std::string& input, const std::vector<TextChunk>& chunks,
                       const ChunkOptions& options) {
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const auto& c = chunks[i];
    EXPECT_FALSE(is_blank(c.text)) << "chunk " << i;
    EXPECT_TRUE(is_valid_utf8(c.text)) << "chunk " << i;
    const std::size_t limit = i == 0 ? options.first_chunk_max_chars : options.max_chars;
    EXPECT_LE(utf8_length(c.text), limit) << "chunk " << i << ": " << c.text;
    EXPECT_GE(c.pause_after_seconds, 0.0);
  }
  if (!chunks.empty()) {
    EXPECT_EQ(chunks.back().pause_after_seconds, 0.0);
  }
  (void)input;
}

TEST(Chunker, ShortTextIsOneChunk) {
  const ChunkOptions o;
  const auto chunks = split_into_chunks("Hello there. How are you?", "en", o);
  EXPECT_EQ(texts(chunks), (std::vector<std::string>{"Hello there. How are you?"}));
}

TEST(Chunker, BlankTextHasNoChunks) {
  EXPECT_TRUE(split_into_chunks("", "en", {}).empty());
  EXPECT_TRUE(split_into_chunks(" \n\n\t \xE2\x80\x8B", "en", {}).empty());
}

TEST(Chunker, FirstChunkIsTheFirstClauseOfALongSentence) {
  const ChunkOptions o{40, 200};
  const std::string text =
      "When the morning came at last, the travellers packed their bags and walked to the "
      "station. They waited.";
  const auto chunks = split_into_chunks(text, "en", o);
  ASSERT_GE(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].text, "When the morning came at last,");
  EXPECT_EQ(chunks[1].text,
            "the travellers packed their bags and walked to the station. They waited.");
  expect_invariants(text, chunks, o);
}

TEST(Chunker, TinyFirstClauseGrowsToANaturalPhrase) {
  const ChunkOptions o{40, 200};
  const auto chunks = split_into_chunks(
      "Well, as I said, the plan is simple and it will work if we all stay calm.", "en", o);
  ASSERT_GE(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].text, "Well, as I said,");
}

TEST(Chunker, FirstClauseTooLongIsCutBetweenWords) {
  const ChunkOptions o{20, 100};
  const auto chunks = split_into_chunks(
      "Supercalifragilistic words keep going on and on without any punctuation at all", "en", o);
  ASSERT_GE(chunks.size(), 2u);
  EXPECT_EQ(chunks[0].text, "Supercalifragilistic");
  EXPECT_EQ(chunks[1].text, "words keep going on and on without any punctuation at all");
}

TEST(Chunker, LaterChunksMergeWholeSentences) {
  const ChunkOptions o{30, 60};
  const std::string text =
      "First one here. Second sentence is here. Third sentence is here. Fourth one is here.";
  const auto chunks = split_into_chunks(text, "en", o);
  EXPECT_EQ(texts(chunks), (std::vector<std::string>{
                               "First one here.",
                               "Second sentence is here. Third sentence is here.",
                               "Fourth one is here."}));
  expect_invariants(text, chunks, o);
}

TEST(Chunker, ParagraphBreaksBecomePauses) {
  const ChunkOptions o{100, 400};
  const auto chunks = split_into_chunks("Title.\n\nFirst paragraph.\n\nSecond paragraph.", "en", o);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_DOUBLE_EQ(chunks[0].pause_after_seconds, kParagraphPauseSeconds);
  EXPECT_DOUBLE_EQ(chunks[1].pause_after_seconds, kParagraphPauseSeconds);
  EXPECT_DOUBLE_EQ(chunks[2].pause_after_seconds, 0.0);
}

TEST(Chunker, OverlongSentenceIsCutAtClausesThenSpaces) {
  const ChunkOptions o{30, 50};
  const std::string text = "Start. " + repeat("alpha beta gamma delta, ", 6) +
                           repeat("word ", 30) + "end.";
  const auto chunks = split_into_chunks(text, "en", o);
  expect_invariants(text, chunks, o);
  for (const auto& c : chunks) {
    // Words are never split: every chunk starts and ends on a whole word.
    EXPECT_NE(c.text.front(), ' ');
    EXPECT_EQ(c.text.find("wor "), std::string::npos);
  }
}

TEST(Chunker, CjkWithoutSpacesIsCutAtCharacters) {
  const ChunkOptions o{10, 20};
  const std::string text = repeat("汉字", 40) + "。";  // one 81-character sentence
  const auto chunks = split_into_chunks(text, "zh", o);
  expect_invariants(text, chunks, o);
  std::string joined;
  for (const auto& c : chunks) joined += c.text;
  EXPECT_EQ(joined, text);  // nothing lost, nothing split inside a code point
}

TEST(Chunker, CjkSentencesJoinWithoutSpaces) {
  const ChunkOptions o{10, 100};
  const auto chunks = split_into_chunks("你好。今天天气很好！我们去公园吧。好的。", "zh", o);
  EXPECT_EQ(texts(chunks), (std::vector<std::string>{"你好。今天天气很好！",
                                                     "我们去公园吧。好的。"}));
}

TEST(Chunker, OverlongWordIsCutAtCodePoints) {
  const ChunkOptions o{10, 10};
  const std::string text = repeat("é", 25);
  const auto chunks = split_into_chunks(text, "fr", o);
  expect_invariants(text, chunks, o);
  EXPECT_EQ(chunks.size(), 3u);
}

TEST(Chunker, PunctuationOnlyInput) {
  const auto chunks = split_into_chunks("...", "en", {});
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0].text, "...");
}

TEST(Chunker, PunctuationOnlySentenceJoinsThePreviousOne) {
  const auto chunks = split_into_chunks("Hello. !!! Bye.", "en", {});
  EXPECT_EQ(texts(chunks), (std::vector<std::string>{"Hello. !!! Bye."}));
}

TEST(Chunker, InvalidUtf8IsRepairedNotSplit) {
  const ChunkOptions o{5, 8};
  const std::string text = "abc\xFF\xFE def \xE4\xBD ghi jklmnopqrstu";
  const auto chunks = split_into_chunks(text, "en", o);
  expect_invariants(text, chunks, o);
}

TEST(Chunker, DegenerateOptions) {
  // A zero limit means "one code point": still no blank or empty chunk, nothing lost.
  const auto a = split_into_chunks("One two.", "en", ChunkOptions{0, 0});
  std::string joined;
  for (const auto& c : a) {
    EXPECT_EQ(utf8_length(c.text), 1u);
    joined += c.text;
  }
  EXPECT_EQ(joined, "Onetwo.");
  const auto b = split_into_chunks("One two three. Four five.", "en", ChunkOptions{500, 10});
  for (const auto& c : b) EXPECT_LE(utf8_length(c.text), 10u);
}

TEST(Chunker, InvariantsOnAMixedDocument) {
  const ChunkOptions o{60, 120};
  const std::string text =
      "Chapter 1\n\nDr. J. R. Smith earned $3.14 million in 2020, e.g. from royalties; then he "
      "retired\xE2\x80\x94quietly. \xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82 Next line...\n"
      "- item one\n- item two\n\n\n" +
      repeat("Long sentence without end ", 20);
  const auto chunks = split_into_chunks(text, "en", o);
  expect_invariants(text, chunks, o);
  EXPECT_GE(chunks.size(), 4u);
}

TEST(FitToLength, PrefersClausesOverSpaces) {
  EXPECT_EQ(fit_to_length("one two, three four five six", 20),
            (std::vector<std::string>{"one two,", "three four five six"}));
  EXPECT_EQ(fit_to_length("short", 20), (std::vector<std::string>{"short"}));
  EXPECT_TRUE(fit_to_length("   ", 20).empty());
}

}  // namespace
}  // namespace chorus
