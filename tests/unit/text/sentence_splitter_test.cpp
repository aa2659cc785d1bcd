#include "text/sentence_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chorus {
namespace {

struct SplitCase {
  const char* language;
  const char* input;
  std::vector<std::string> sentences;
};

class SentenceSplit : public ::testing::TestWithParam<SplitCase> {};

std::vector<std::string> texts(const std::vector<Sentence>& s) {
  std::vector<std::string> out;
  for (const auto& x : s) out.push_back(x.text);
  return out;
}

TEST_P(SentenceSplit, Splits) {
  const auto& c = GetParam();
  EXPECT_EQ(texts(split_sentences(c.input, c.language)), c.sentences) << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    English, SentenceSplit,
    ::testing::Values(
        SplitCase{"en", "Hello world. How are you?", {"Hello world.", "How are you?"}},
        SplitCase{"en", "Dr. Smith met Mr. Jones.", {"Dr. Smith met Mr. Jones."}},
        SplitCase{"en", "Pi is 3.14 roughly. Yes!", {"Pi is 3.14 roughly.", "Yes!"}},
        SplitCase{"en", "J. R. R. Tolkien wrote it. Then he slept.",
                  {"J. R. R. Tolkien wrote it.", "Then he slept."}},
        SplitCase{"en", "Use tools, e.g. hammers. Fine.", {"Use tools, e.g. hammers.", "Fine."}},
        SplitCase{"en", "Apples, pears, etc. They are fruit.",
                  {"Apples, pears, etc.", "They are fruit."}},
        SplitCase{"en", "Apples, etc. are fruit.", {"Apples, etc. are fruit."}},
        SplitCase{"en", "Wait... what? No!", {"Wait... what?", "No!"}},
        SplitCase{"en", "Wait\xE2\x80\xA6 It moved.", {"Wait\xE2\x80\xA6", "It moved."}},
        SplitCase{"en", "He said \"Stop.\" Then left.", {"He said \"Stop.\"", "Then left."}},
        SplitCase{"en", "(See above.) Next one.", {"(See above.)", "Next one."}},
        SplitCase{"en", "Visit example.com today. OK?", {"Visit example.com today.", "OK?"}},
        SplitCase{"en", "Really?! Yes.", {"Really?!", "Yes."}},
        SplitCase{"en", "It costs approx. five dollars.", {"It costs approx. five dollars."}},
        SplitCase{"en", "No terminal punctuation", {"No terminal punctuation"}},
        SplitCase{"en", "  spaced   out  .  ", {"spaced out ."}},
        SplitCase{"en", "Smith Jr. He came.", {"Smith Jr.", "He came."}},
        SplitCase{"en", "See Fig. 3 for details.", {"See Fig. 3 for details."}},
        SplitCase{"en", "Title line\nFirst sentence here.", {"Title line", "First sentence here."}},
        SplitCase{"en", "a wrapped\nline continues.", {"a wrapped line continues."}},
        SplitCase{"en", "List:\n- eggs\n- milk", {"List: - eggs", "- milk"}},
        SplitCase{"en", "", {}}, SplitCase{"en", " \n\t ", {}}));

INSTANTIATE_TEST_SUITE_P(
    OtherLanguages, SentenceSplit,
    ::testing::Values(
        SplitCase{"zh", "你好。今天天气很好！你呢？", {"你好。", "今天天气很好！", "你呢？"}},
        SplitCase{"ja", "こんにちは。「元気？」と聞いた。", {"こんにちは。", "「元気？」と聞いた。"}},
        SplitCase{"hi", "मैं घर जा रहा हूँ। तुम कहाँ हो?", {"मैं घर जा रहा हूँ।", "तुम कहाँ हो?"}},
        SplitCase{"ar", "كيف حالك؟ أنا بخير.", {"كيف حالك؟", "أنا بخير."}},
        SplitCase{"de", "Das ist z.B. gut. Am 3. Oktober kam er.",
                  {"Das ist z.B. gut.", "Am 3. Oktober kam er."}},
        SplitCase{"de", "Er war 3. Dann ging er.", {"Er war 3.", "Dann ging er."}},
        SplitCase{"fr", "M. Dupont est là. Il attend.", {"M. Dupont est là.", "Il attend."}},
        SplitCase{"es", "¿Qué tal? ¡Muy bien! La Sra. García llegó.",
                  {"¿Qué tal?", "¡Muy bien!", "La Sra. García llegó."}},
        SplitCase{"ru", "Это т.е. правда. Да.", {"Это т.е. правда.", "Да."}},
        SplitCase{"ru", "Привет. Как дела?", {"Привет.", "Как дела?"}},
        SplitCase{"ko", "안녕하세요. 반갑습니다!", {"안녕하세요.", "반갑습니다!"}},
        SplitCase{"hu", "1848. március 15-én történt. Igen.", {"1848. március 15-én történt.", "Igen."}}));

TEST(SentenceSplit, ParagraphBreaks) {
  const auto s = split_sentences("One. Two.\n\nThree.\r\n\r\nFour.\r\nFive.", "en");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_FALSE(s[0].ends_paragraph);
  EXPECT_TRUE(s[1].ends_paragraph);
  EXPECT_TRUE(s[2].ends_paragraph);
  EXPECT_FALSE(s[3].ends_paragraph);
  EXPECT_TRUE(s[4].ends_paragraph);
}

TEST(SentenceSplit, CrLfIsOneLineBreak) {
  const auto s = split_sentences("one\r\ntwo", "en");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].text, "one two");
}

struct ClauseCase {
  const char* input;
  std::vector<std::string> clauses;
};

class ClauseSplit : public ::testing::TestWithParam<ClauseCase> {};

TEST_P(ClauseSplit, Splits) { EXPECT_EQ(split_clauses(GetParam().input), GetParam().clauses); }

INSTANTIATE_TEST_SUITE_P(
    Table, ClauseSplit,
    ::testing::Values(
        ClauseCase{"Well, I think so; maybe: yes.", {"Well,", "I think so;", "maybe:", "yes."}},
        ClauseCase{"It costs 1,000 at 3:45 pm.", {"It costs 1,000 at 3:45 pm."}},
        ClauseCase{"See http://x.org, then go.", {"See http://x.org,", "then go."}},
        ClauseCase{"He came—late—again.", {"He came—", "late—", "again."}},
        ClauseCase{"A - B", {"A -", "B"}}, ClauseCase{"well-known fact", {"well-known fact"}},
        ClauseCase{"\"Hi,\" she said.", {"\"Hi,\"", "she said."}},
        ClauseCase{"我们走吧，好吗？", {"我们走吧，", "好吗？"}},
        ClauseCase{"مرحبا، كيف حالك؟", {"مرحبا،", "كيف حالك؟"}}, ClauseCase{"", {}}));

TEST(CollapseWhitespace, DropsInaudibleCharacters) {
  EXPECT_EQ(collapse_whitespace("  a \t\n b\xE2\x80\x8B" "c  "), "a bc");
  EXPECT_EQ(collapse_whitespace("\xEF\xBB\xBFx"), "x");
  // Joiners are kept between letters (Indic conjuncts) and dropped at the edges.
  EXPECT_EQ(collapse_whitespace("\xE0\xA4\x95\xE2\x80\x8D\xE0\xA4\xB7"), "\xE0\xA4\x95\xE2\x80\x8D\xE0\xA4\xB7");
  EXPECT_EQ(collapse_whitespace("\xE2\x80\x8D\xE0\xA4\x95\xE2\x80\x8D"), "\xE0\xA4\x95");
}

}  // namespace
}  // namespace chorus
