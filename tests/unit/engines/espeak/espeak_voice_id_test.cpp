#include "engines/espeak/espeak_voice_id.h"

#include <gtest/gtest.h>

#include <set>

#include "engines/espeak/espeak_voice_aliases.h"

namespace chorus {
namespace {

TEST(EspeakVoiceIdTest, ParsesVoiceAndVariant) {
  auto plain = parse_espeak_voice_id("espeak:en-us");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->voice, "en-us");
  EXPECT_EQ(plain->variant, "");

  auto variant = parse_espeak_voice_id("ESPEAK:FR-FR+F3");
  ASSERT_TRUE(variant);
  EXPECT_EQ(variant->voice, "fr-fr");
  EXPECT_EQ(variant->variant, "f3");
}

TEST(EspeakVoiceIdTest, RejectsMalformedIds) {
  for (const char* id : {"", "espeak:", "espeak:+f3", "espeak:fr+", "espeak:fr+f3+m1", "fr-fr",
                         "kokoro:af_heart"}) {
    EXPECT_FALSE(parse_espeak_voice_id(id)) << id;
  }
}

TEST(EspeakVoiceIdTest, FormatsRoundTrip) {
  EXPECT_EQ(format_espeak_voice_id("fr-fr", "f3"), "espeak:fr-fr+f3");
  EXPECT_EQ(format_espeak_voice_id("cmn", ""), "espeak:cmn");
  auto parsed = parse_espeak_voice_id(format_espeak_voice_id("en-gb-x-rp", "m1"));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->voice, "en-gb-x-rp");
  EXPECT_EQ(parsed->variant, "m1");
}

TEST(EspeakAliasTableTest, HasAllThirteenOpenAiVoicesOnce) {
  const std::set<std::string_view> expected{"alloy", "ash",   "ballad",  "coral", "echo",
                                            "fable", "onyx",  "nova",    "sage",  "shimmer",
                                            "verse", "marin", "cedar"};
  std::set<std::string_view> seen;
  for (const auto& entry : espeak_aliases()) {
    EXPECT_TRUE(seen.insert(entry.alias).second) << entry.alias;
    EXPECT_TRUE(entry.gender == "female" || entry.gender == "male") << entry.alias;
    EXPECT_FALSE(entry.variant.empty()) << entry.alias;
  }
  EXPECT_EQ(seen, expected);
  EXPECT_TRUE(find_espeak_alias("Nova"));
  EXPECT_FALSE(find_espeak_alias("bogus"));
}

}  // namespace
}  // namespace chorus
