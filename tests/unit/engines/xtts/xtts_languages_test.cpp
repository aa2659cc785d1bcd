#include "engines/xtts/xtts_languages.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <tuple>

#include "engines/xtts/xtts_text_split.h"
#include "text/utf8.h"

namespace chorus::xtts {
namespace {

using ::testing::Contains;

TEST(XttsLanguages, AdvertisesChineseAsZhAndZhCn) {
  auto tags = advertised_languages(default_service_languages());
  EXPECT_THAT(tags, Contains("zh"));
  EXPECT_THAT(tags, Contains("zh-cn"));
  EXPECT_THAT(tags, Contains("hi"));
  EXPECT_EQ(tags.size(), 18u);  // 17 codes, zh-cn twice
}

TEST(XttsLanguages, LowerCasesServiceCodes) {
  auto tags = advertised_languages({"EN", "zh-CN"});
  EXPECT_EQ(tags, (std::vector<std::string>{"en", "zh", "zh-cn"}));
}

TEST(XttsLanguages, MapsRequestTagsToServiceCodes) {
  const auto& codes = default_service_languages();
  EXPECT_EQ(service_language("zh", codes), "zh-cn");
  EXPECT_EQ(service_language("zh-tw", codes), "zh-cn");
  EXPECT_EQ(service_language("zh-cn", codes), "zh-cn");
  EXPECT_EQ(service_language("en-us", codes), "en");
  EXPECT_EQ(service_language("pt-br", codes), "pt");
  EXPECT_EQ(service_language("HI", codes), "hi");
  EXPECT_EQ(service_language("sv", codes), std::nullopt);
  // Returned as the service spells it.
  EXPECT_EQ(service_language("zh", {"en", "zh-CN"}), "zh-CN");
}

TEST(XttsLanguages, CharacterLimitsFollowTheTokenizer) {
  EXPECT_EQ(char_limit("en"), 250u);
  EXPECT_EQ(char_limit("es"), 239u);
  EXPECT_EQ(char_limit("zh-cn"), 82u);
  EXPECT_EQ(char_limit("ja"), 71u);
  EXPECT_EQ(char_limit("ko"), 95u);
  EXPECT_EQ(char_limit("hi"), 250u);  // no entry: tokenizer default
}

TEST(XttsTextSplit, ShortTextIsOnePiece) {
  EXPECT_EQ(split_for_xtts("Hello there.", "en", 250), (std::vector<std::string>{"Hello there."}));
  EXPECT_TRUE(split_for_xtts("   ", "en", 250).empty());
}

TEST(XttsTextSplit, LongTextRespectsTheLimit) {
  std::string english;
  for (int i = 0; i < 12; ++i) english += "This sentence is one of many in a long paragraph. ";
  std::string japanese;
  for (int i = 0; i < 10; ++i) japanese += "今日はとても良い天気ですね、散歩に行きましょう。";
  std::string chinese;
  for (int i = 0; i < 300; ++i) chinese += "中";  // no punctuation at all
  const std::vector<std::tuple<std::string, std::string, std::size_t>> cases{
      {english, "en", 250}, {japanese, "ja", 71}, {chinese, "zh", 82}};
  for (const auto& [text, language, limit] : cases) {
    auto pieces = split_for_xtts(text, language, limit);
    ASSERT_GT(pieces.size(), 1u) << language;
    std::size_t total = 0;
    for (const auto& piece : pieces) {
      EXPECT_LE(utf8_length(piece), limit) << language << ": " << piece;
      total += utf8_length(piece);
    }
    // Nothing but whitespace is lost.
    EXPECT_GE(total + pieces.size() * 2, utf8_length(text) - 20) << language;
  }
}

}  // namespace
}  // namespace chorus::xtts
