#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {
namespace {

TEST(KokoroVocab, HasThe114SymbolsOfV1) {
  const Vocabulary v = Vocabulary::v1();
  EXPECT_EQ(v.size(), 114u);
  EXPECT_EQ(v.id(U';'), 1);
  EXPECT_EQ(v.id(U'—'), 9);
  EXPECT_EQ(v.id(U' '), 16);
  EXPECT_EQ(v.id(U'\u0303'), 17);  // bare combining tilde
  EXPECT_EQ(v.id(U'A'), 24);
  EXPECT_EQ(v.id(U'ɡ'), 92);       // script g, not ASCII g
  EXPECT_EQ(v.id(U'g'), -1);
  EXPECT_EQ(v.id(U'ˈ'), 156);
  EXPECT_EQ(v.id(U'ᵻ'), 177);
  for (int unused : {7, 8, 26, 32, 49, 73, 100, 117, 174, 175, 176}) {
    for (char32_t c = 0; c < 0x10000; ++c) ASSERT_NE(v.id(c), unused) << "id " << unused << " must be unused";
  }
}

TEST(KokoroVocab, MatchesTheSharedConfigJson) {
  std::ifstream in(std::string(CHORUS_SOURCE_DIR) + "/tests/fixtures/kokoro/kokoro-v1.0-config.json");
  ASSERT_TRUE(in);
  std::stringstream json;
  json << in.rdbuf();
  const Vocabulary from_json = Vocabulary::from_config_json(json.str());
  const Vocabulary v1 = Vocabulary::v1();
  ASSERT_EQ(from_json.size(), v1.size());
  for (char32_t c = 0; c < 0x10000; ++c) ASSERT_EQ(from_json.id(c), v1.id(c)) << "code point " << unsigned(c);
}

TEST(KokoroVocab, EncodesCodePointsAndDropsUnknown) {
  const Vocabulary v = Vocabulary::v1();
  // "həlˈO wˈɜɹld!" with a stray unknown symbol (ǂ) and an ASCII g that Kokoro lacks.
  const auto ids = v.encode(std::string("həlˈO ǂgwˈɜɹld!"));
  const std::vector<std::int64_t> expected = {50, 83, 54, 156, 31, 16, 65, 156, 87, 123, 54, 46, 5};
  EXPECT_EQ(ids, expected);
}

TEST(KokoroVocab, RejectsMalformedConfig) {
  EXPECT_THROW(Vocabulary::from_config_json("not json"), std::runtime_error);
  EXPECT_THROW(Vocabulary::from_config_json("{\"novocab\": 1}"), std::runtime_error);
  EXPECT_THROW(Vocabulary::from_config_json("{\"vocab\": {\"ab\": 3}}"), std::runtime_error);
  EXPECT_THROW(Vocabulary::from_config_json("{\"vocab\": {}}"), std::runtime_error);
}

TEST(KokoroVocab, Utf8RoundTripAndInvalidBytes) {
  const std::string s = "aʧ↘\xF0\x9F\x98\x80";
  EXPECT_EQ(u32_to_utf8(utf8_to_u32(s)), s);
  EXPECT_EQ(utf8_to_u32("a\xFF" "b"), U"a\uFFFDb");
  EXPECT_EQ(utf8_to_u32("a\xE2\x82"), U"a\uFFFD");
}

}  // namespace
}  // namespace chorus::kokoro
