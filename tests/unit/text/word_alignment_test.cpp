#include "text/word_alignment.h"

#include <gtest/gtest.h>

#include "text/markup.h"
#include "text/text_analysis.h"
#include "text/word_spans.h"

namespace chorus {
namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [b, e] : word_spans(text)) out.push_back(text.substr(b, e - b));
  return out;
}

TEST(WordSpans, TokensWithLettersOrDigits) {
  EXPECT_EQ(split("It costs $5.99 — ninety-nine, ok?"),
            (std::vector<std::string>{"It", "costs", "$5.99", "ninety-nine,", "ok?"}));
  const std::string chunk = "Say [New York](/nu jɔɹk/) [pause:1s] now.";
  const auto spans = chunk_word_spans(chunk);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(chunk.substr(spans[1].first, spans[1].second - spans[1].first), "[New York](/nu jɔɹk/)");
}

TEST(WrittenWords, KeepSymbolsAndAbbreviationPeriods) {
  const auto words = written_words(parse_inline_markup("Dr. Smith paid $5.99 (cash) for [Kokoro](/kˈOkəɹO/)."), "en");
  EXPECT_EQ(words, (std::vector<std::string>{"Dr.", "Smith", "paid", "$5.99", "cash", "for", "Kokoro"}));
}

TEST(AlignWords, NormalizedWordsGoToTheWordTheyCameFrom) {
  const std::string input = "Dr. Smith paid $5.99 at 3:45 pm today.";
  const auto analysis = analyze_text(input, std::string("en"));
  const auto spoken = split(analysis.chunks.at(0).text);
  const auto owner = align_words(analysis.written_words, spoken, "en");
  ASSERT_EQ(owner.size(), spoken.size());
  std::vector<std::string> joined(analysis.written_words.size());
  for (std::size_t s = 0; s < spoken.size(); ++s) {
    ASSERT_GE(owner[s], 0) << spoken[s];
    if (s > 0) {
      EXPECT_GE(owner[s], owner[s - 1]);
    }
    joined[owner[s]] += (joined[owner[s]].empty() ? "" : " ") + spoken[s];
  }
  EXPECT_EQ(analysis.written_words,
            (std::vector<std::string>{"Dr.", "Smith", "paid", "$5.99", "at", "3:45", "pm", "today"}));
  EXPECT_EQ(joined[0], "Doctor");
  EXPECT_EQ(joined[3], "five dollars and ninety-nine cents");
  EXPECT_EQ(joined[4], "at");
  EXPECT_EQ(joined[7], "today.");
}

TEST(AlignWords, RespellingsAndMarkupStayWithTheirWord) {
  Lexicon lexicon;
  lexicon.add("chorus", "core us");
  AnalyzeOptions options;
  options.request_lexicon = &lexicon;
  const auto analysis = analyze_text("I like chorus and [Kokoro](/kˈOkəɹO/) a lot.", std::string("en"), options);
  const auto spoken_spans = chunk_word_spans(analysis.chunks.at(0).text);
  std::vector<std::string> spoken;
  for (const auto& [b, e] : spoken_spans) spoken.push_back(analysis.chunks[0].text.substr(b, e - b));
  const auto owner = align_words(analysis.written_words, spoken, "en");
  // I like core us and [Kokoro](...) a lot.
  ASSERT_EQ(spoken.size(), 8u);
  EXPECT_EQ(owner, (std::vector<long>{0, 1, 2, 2, 3, 4, 5, 6}));
}

TEST(AlignWords, SpokenWordsWithoutAWrittenOneStayUnassigned) {
  const auto owner = align_words({"a", "b"}, {"a", "x", "b", "y"}, "en");
  EXPECT_EQ(owner, (std::vector<long>{0, -1, 1, -1}));
  EXPECT_TRUE(align_words({}, {"a"}, "en") == std::vector<long>{-1});
}

TEST(AlignWords, LongInputsUseTheWindowedSearch) {
  // 2500 x 3000 words is past the exact table's budget: the windowed search must agree with it
  // on text whose normalization keeps the words close.
  std::vector<std::string> written, spoken;
  for (int i = 0; i < 500; ++i) {
    for (const char* w : {"Pay", "$5", "to", "Ann", "now."}) written.emplace_back(w);
    for (const char* w : {"Pay", "five", "dollars", "to", "Ann", "now."}) spoken.emplace_back(w);
  }
  const auto owner = align_words(written, spoken, "en");
  ASSERT_EQ(owner.size(), spoken.size());
  for (std::size_t s = 0; s < spoken.size(); ++s) {
    const long sentence = static_cast<long>(s / 6) * 5;
    const long expected[] = {0, 1, 1, 2, 3, 4};
    ASSERT_EQ(owner[s], sentence + expected[s % 6]) << s;
  }
}

}  // namespace
}  // namespace chorus
