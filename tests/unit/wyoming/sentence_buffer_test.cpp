#include "wyoming/sentence_buffer.h"

#include <gtest/gtest.h>

namespace chorus::wyoming {
namespace {

using Sentences = std::vector<std::string>;

TEST(SentenceBuffer, HandsOutASentenceOnceTheNextOneBegins) {
  SentenceBuffer buffer("en", 1000);
  EXPECT_EQ(buffer.add("Hello "), Sentences{});
  EXPECT_EQ(buffer.add("world. "), Sentences{});  // "world." might be "world.com"
  EXPECT_EQ(buffer.add("How"), Sentences{"Hello world."});
  EXPECT_EQ(buffer.add(" are you? I am"), Sentences{"How are you?"});
  EXPECT_EQ(buffer.add(" fine"), Sentences{});
  EXPECT_EQ(buffer.finish(), "I am fine");
  EXPECT_EQ(buffer.finish(), "");
}

TEST(SentenceBuffer, JoinsPiecesCutInsideWordsAndKeepsAbbreviations) {
  SentenceBuffer buffer("en", 1000);
  Sentences out;
  for (std::string piece : {"Dr", ". Smi", "th paid 3", ".50 dol", "lars.", " Then he l", "eft."}) {
    for (auto& sentence : buffer.add(piece)) out.push_back(sentence);
  }
  EXPECT_EQ(out, Sentences{"Dr. Smith paid 3.50 dollars."});
  EXPECT_EQ(buffer.finish(), "Then he left.");
}

TEST(SentenceBuffer, TextWithoutSentenceEndsIsHandedOutPastTheLimit) {
  SentenceBuffer buffer("en", 20);
  EXPECT_EQ(buffer.add("one two three four "), Sentences{});
  EXPECT_EQ(buffer.add("five six"), Sentences{"one two three four five six"});
  EXPECT_EQ(buffer.finish(), "");
}

TEST(SentenceBuffer, BlankTextGivesNothing) {
  SentenceBuffer buffer("", 100);
  EXPECT_EQ(buffer.add("  \n "), Sentences{});
  EXPECT_EQ(buffer.finish(), "");
}

}  // namespace
}  // namespace chorus::wyoming
