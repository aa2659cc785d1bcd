#include <gtest/gtest.h>

#include "text/lexicon.h"
#include "text/markup.h"

namespace chorus {
namespace {

using K = TextSegment::Kind;

std::string describe(const std::vector<TextSegment>& segs) {
  std::string out;
  for (const auto& s : segs) {
    if (!out.empty()) out += "|";
    switch (s.kind) {
      case K::kText: out += "T:" + s.text; break;
      case K::kPhonemes: out += "P:" + s.text + "=" + s.phonemes; break;
      case K::kPause: out += "S:" + std::to_string(static_cast<int>(s.pause_seconds * 1000)); break;
    }
  }
  return out;
}

struct MarkupCase {
  const char* input;
  const char* expected;
};

class InlineMarkup : public ::testing::TestWithParam<MarkupCase> {};

TEST_P(InlineMarkup, Parses) {
  EXPECT_EQ(describe(parse_inline_markup(GetParam().input)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, InlineMarkup,
    ::testing::Values(
        MarkupCase{"plain text", "T:plain text"},
        MarkupCase{"Say [Kokoro](/kˈOkəɹO/) now", "T:Say |P:Kokoro=kˈOkəɹO|T: now"},
        MarkupCase{"Wait[pause:1.5s]go", "T:Wait|S:1500|T:go"},
        MarkupCase{"a [pause:500ms] b", "T:a |S:500|T: b"},
        MarkupCase{"[pause:2]", "S:2000"},
        MarkupCase{"[pause:99s]", "S:10000"},
        MarkupCase{"[pause:abc]", "T:[pause:abc]"},
        MarkupCase{"[pause:-1s]", "T:[pause:-1s]"},
        MarkupCase{"[link](http://x)", "T:[link](http://x)"},
        MarkupCase{"[word](//)", "T:[word](//)"},
        MarkupCase{"[a [b](/bi/)", "T:[a |P:b=bi"},
        MarkupCase{"unclosed [word](/ipa", "T:unclosed [word](/ipa"},
        MarkupCase{"[x](/a/)[y](/b/)", "P:x=a|P:y=b"},
        MarkupCase{"", ""}));

TEST(Markup, Durations) {
  EXPECT_DOUBLE_EQ(parse_duration_seconds("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(parse_duration_seconds("250ms"), 0.25);
  EXPECT_DOUBLE_EQ(parse_duration_seconds(" 3 "), 3.0);
  EXPECT_LT(parse_duration_seconds("s"), 0);
  EXPECT_LT(parse_duration_seconds("1e400s"), 0);
  EXPECT_LT(parse_duration_seconds("nan"), 0);
}

TEST(Lexicon, IpaAndRespellings) {
  Lexicon lex;
  EXPECT_TRUE(lex.add("Kokoro", "/kˈOkəɹO/"));
  EXPECT_TRUE(lex.add("nginx", "engine x"));
  EXPECT_TRUE(lex.add("New York", "/nuː jɔːk/"));
  EXPECT_FALSE(lex.add("", "x"));
  EXPECT_FALSE(lex.add("word", ""));
  EXPECT_FALSE(lex.add("two\nlines", "x"));
  EXPECT_EQ(lex.size(), 3u);
  EXPECT_EQ(describe(lex.apply({TextSegment::plain("I run kokoro and NGINX in New York.")})),
            "T:I run |P:kokoro=kˈOkəɹO|T: and engine x in |P:New York=nuː jɔːk|T:.");
}

// Found by the lexicon fuzz target (tests/fuzz/regressions/lexicon/): an entry added with
// surrounding spaces (trimmed by add()) was not found again under the same spelling.
TEST(Lexicon, FindTrimsLikeAdd) {
  Lexicon lex;
  EXPECT_TRUE(lex.add("ÉTÉ ", "été"));
  ASSERT_TRUE(lex.find("ÉTÉ ").has_value());
  EXPECT_EQ(lex.find("\tété")->replacement, "été");
  EXPECT_EQ(lex.find("ÉTÉ")->word, "ÉTÉ");
  EXPECT_FALSE(lex.find("ÉT").has_value());
}

TEST(Lexicon, WholeWordsOnly) {
  Lexicon lex;
  lex.add("cat", "kat");
  EXPECT_EQ(describe(lex.apply({TextSegment::plain("concatenate cat's cat-like cat")})),
            "T:concatenate cat's cat-like kat");
}

TEST(Lexicon, LeavesOtherSegmentsAlone) {
  Lexicon lex;
  lex.add("a", "b");
  std::vector<TextSegment> in{TextSegment::pause(1), TextSegment::phoneme("a", "ei")};
  EXPECT_EQ(describe(lex.apply(in)), "S:1000|P:a=ei");
  TextSegment fixed = TextSegment::plain("a");
  fixed.normalize = false;
  EXPECT_EQ(describe(lex.apply({fixed})), "T:a");
}

TEST(Lexicon, LaterEntryReplacesEarlierAndLimitsHold) {
  Lexicon lex;
  lex.add("word", "one");
  lex.add("WORD", "two");
  EXPECT_EQ(lex.size(), 1u);
  EXPECT_EQ(lex.find("Word")->replacement, "two");
  EXPECT_FALSE(lex.add(std::string(Lexicon::kMaxWordBytes + 1, 'a'), "x"));
  for (std::size_t i = 0; i < Lexicon::kMaxEntries + 10; ++i) lex.add("w" + std::to_string(i), "x");
  EXPECT_EQ(lex.size(), Lexicon::kMaxEntries);
}

TEST(Lexicon, NonLatinWords) {
  Lexicon lex;
  lex.add("東京", "/toːkjoː/");
  EXPECT_EQ(describe(lex.apply({TextSegment::plain("私は 東京 に")})), "T:私は |P:東京=toːkjoː|T: に");
}

}  // namespace
}  // namespace chorus
