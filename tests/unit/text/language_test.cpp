#include "text/language.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

struct TagCase {
  const char* input;
  const char* expected;  // nullptr: rejected
};

class LanguageTag : public ::testing::TestWithParam<TagCase> {};

TEST_P(LanguageTag, Normalizes) {
  const auto& c = GetParam();
  const auto got = normalize_language_tag(c.input);
  if (c.expected == nullptr) {
    EXPECT_FALSE(got.has_value()) << c.input << " -> " << got.value_or("");
  } else {
    ASSERT_TRUE(got.has_value()) << c.input;
    EXPECT_EQ(*got, c.expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, LanguageTag,
    ::testing::Values(TagCase{"en", "en"}, TagCase{"EN_us", "en-us"}, TagCase{"en-US", "en-us"},
                      TagCase{"zh-Hans", "zh"}, TagCase{"zh-Hant-TW", "zh-tw"},
                      TagCase{"zh-CN", "zh-cn"}, TagCase{"pt-BR", "pt-br"},
                      TagCase{" fr ", "fr"}, TagCase{"yue", "yue"}, TagCase{"es-419", "es-419"},
                      TagCase{"iw", "he"}, TagCase{"sr-Latn-RS", "sr-rs"},
                      TagCase{"12", nullptr}, TagCase{"english", nullptr}, TagCase{"", nullptr},
                      TagCase{"e", nullptr}, TagCase{"en-", nullptr}, TagCase{"-en", nullptr},
                      TagCase{"en--us", nullptr}, TagCase{"en us", nullptr},
                      TagCase{"x-klingon", nullptr}, TagCase{"en-x-foo", nullptr},
                      TagCase{"en-abcdefghi", nullptr}, TagCase{"e1", nullptr},
                      TagCase{"fr\xC3\xA9", nullptr}));

TEST(Language, PrimarySubtag) {
  EXPECT_EQ(primary_subtag("pt-br"), "pt");
  EXPECT_EQ(primary_subtag("EN_us"), "en");
  EXPECT_EQ(primary_subtag("de"), "de");
  EXPECT_EQ(primary_subtag(""), "");
}

TEST(Language, Names) {
  EXPECT_EQ(language_name("de-at"), "German");
  EXPECT_EQ(language_name("xx"), "xx");
}

}  // namespace
}  // namespace chorus
