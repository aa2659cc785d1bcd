#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>

#include "text/unicode.h"

namespace chorus {
namespace {

struct Utf8Case {
  std::string input;
  bool valid;
  std::size_t length;
};

class Utf8Validity : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Validity, ValidatesAndCounts) {
  const auto& c = GetParam();
  EXPECT_EQ(is_valid_utf8(c.input), c.valid);
  EXPECT_EQ(utf8_length(c.input), c.length);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Utf8Validity,
    ::testing::Values(Utf8Case{"", true, 0}, Utf8Case{"hello", true, 5},
                      Utf8Case{"caf\xC3\xA9", true, 4},                  // café
                      Utf8Case{"\xE4\xBD\xA0\xE5\xA5\xBD", true, 2},     // 你好
                      Utf8Case{"\xF0\x9F\x98\x80", true, 1},             // 😀
                      Utf8Case{"\xC0\xAF", false, 2},                    // overlong '/'
                      Utf8Case{"\xE0\x80\xAF", false, 3},                // overlong, 3 bytes
                      Utf8Case{"\xED\xA0\x80", false, 3},                // surrogate
                      Utf8Case{"\xF4\x90\x80\x80", false, 4},            // above U+10FFFF
                      Utf8Case{"\xE4\xBD", false, 2},                    // truncated
                      Utf8Case{"a\x80" "b", false, 3},                   // stray continuation
                      Utf8Case{"\xFF", false, 1}, Utf8Case{std::string("a\0b", 3), true, 3}));

TEST(Utf8, BlankIsOnlyWhitespaceAndControls) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\r\n"));
  EXPECT_TRUE(is_blank("\xC2\xA0\xE3\x80\x80"));          // NBSP, ideographic space
  EXPECT_TRUE(is_blank("\xE2\x80\x8B\xEF\xBB\xBF\x01"));  // ZWSP, BOM, SOH
  EXPECT_FALSE(is_blank(" a "));
  EXPECT_FALSE(is_blank("."));
  EXPECT_FALSE(is_blank("\xE4\xBD\xA0"));
  EXPECT_FALSE(is_blank("\xFF"));  // invalid bytes are content, not silence
}

TEST(Utf8, DecodeAlwaysAdvances) {
  const std::string s = "\xE4\xBD\xFF" "a";
  std::size_t pos = 0;
  EXPECT_EQ(decode_utf8(s, pos), kReplacementChar);
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(decode_utf8(s, pos), kReplacementChar);
  EXPECT_EQ(decode_utf8(s, pos), kReplacementChar);
  EXPECT_EQ(decode_utf8(s, pos), U'a');
  EXPECT_EQ(pos, s.size());
}

TEST(Utf8, EncodeRoundTrips) {
  for (char32_t cp : {U'a', U'\u00E9', U'\u4F60', U'\U0001F600', U'\U0010FFFF'}) {
    const std::string s = to_utf8(cp);
    std::size_t pos = 0;
    EXPECT_EQ(decode_utf8(s, pos), cp);
    EXPECT_EQ(pos, s.size());
  }
  EXPECT_EQ(to_utf8(0xD800), to_utf8(kReplacementChar));
}

TEST(Utf8, FloorBoundaryNeverLandsInsideASequence) {
  const std::string s = "a\xE4\xBD\xA0" "b";
  EXPECT_EQ(utf8_floor_boundary(s, 0), 0u);
  EXPECT_EQ(utf8_floor_boundary(s, 2), 1u);
  EXPECT_EQ(utf8_floor_boundary(s, 3), 1u);
  EXPECT_EQ(utf8_floor_boundary(s, 4), 4u);
}

TEST(Utf8, SanitizeReplacesInvalidBytes) {
  EXPECT_EQ(sanitize_utf8("ok"), "ok");
  EXPECT_EQ(sanitize_utf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_TRUE(is_valid_utf8(sanitize_utf8("\xC0\xAF\xED\xA0\x80")));
}

TEST(Unicode, CaseMapping) {
  EXPECT_EQ(to_lower("ÀÉÎÕÜ ŁŚŻ ĞŞİ ΑΒΓ АБВЁ"), "àéîõü łśż ğşi αβγ абвё");
  EXPECT_TRUE(is_upper(U'Ł'));
  EXPECT_TRUE(is_lower(U'ł'));
  EXPECT_TRUE(is_lower(U'ß'));
  EXPECT_FALSE(is_upper(U'中'));
  EXPECT_FALSE(is_lower(U'中'));
  EXPECT_EQ(to_upper(U'я'), U'Я');
  EXPECT_EQ(to_upper(U'ς'), U'Σ');
}

TEST(Unicode, Scripts) {
  EXPECT_EQ(script_of(U'a'), Script::kLatin);
  EXPECT_EQ(script_of(U'ж'), Script::kCyrillic);
  EXPECT_EQ(script_of(U'ب'), Script::kArabic);
  EXPECT_EQ(script_of(U'क'), Script::kDevanagari);
  EXPECT_EQ(script_of(U'中'), Script::kHan);
  EXPECT_EQ(script_of(U'の'), Script::kHiragana);
  EXPECT_EQ(script_of(U'カ'), Script::kKatakana);
  EXPECT_EQ(script_of(U'한'), Script::kHangul);
  EXPECT_EQ(script_of(U'5'), Script::kCommon);
  EXPECT_EQ(script_of(U'。'), Script::kCommon);
  EXPECT_TRUE(is_emoji(U'\U0001F600'));
  EXPECT_FALSE(is_emoji(U'a'));
  EXPECT_EQ(digit_value(U'٣'), 3);
  EXPECT_EQ(digit_value(U'७'), 7);
  EXPECT_FALSE(is_letter(U'٣'));
}

}  // namespace
}  // namespace chorus
