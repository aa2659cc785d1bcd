#include <gtest/gtest.h>

#include "engines/kokoro/kokoro_aliases.h"
#include "engines/kokoro/kokoro_voices.h"

namespace chorus::kokoro {
namespace {

TEST(KokoroVoices, ParsesBlends) {
  auto one = parse_voice_blend("af_heart");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->parts.size(), 1u);
  EXPECT_EQ(one->parts[0].second, 1.0f);
  EXPECT_EQ(one->id(), "af_heart");

  auto equal = parse_voice_blend("af_bella+af_sky");
  ASSERT_TRUE(equal);
  EXPECT_FLOAT_EQ(equal->parts[0].second, 0.5f);
  EXPECT_FLOAT_EQ(equal->parts[1].second, 0.5f);

  auto weighted = parse_voice_blend("af_bella(2) + af_sky(1)");
  ASSERT_TRUE(weighted);
  EXPECT_EQ(weighted->parts[0].first, "af_bella");
  EXPECT_FLOAT_EQ(weighted->parts[0].second, 2.0f / 3.0f);
  EXPECT_FLOAT_EQ(weighted->parts[1].second, 1.0f / 3.0f);

  for (const char* bad : {"", "+", "af_bella+", "af_bella(0)", "af_bella(-1)", "af_bella(x)", "af bella",
                          "af_bella(2", "../etc"}) {
    EXPECT_FALSE(parse_voice_blend(bad)) << bad;
  }
}

// Found by the npz fuzz target: weights were narrowed to float before normalizing, so a weight
// beyond float range turned the whole blend into inf/NaN style vectors.
TEST(KokoroVoices, BlendWeightsBeyondFloatRangeStayFinite) {
  auto huge = parse_voice_blend("af_bella(1e100)+af_sky(1e100)");
  ASSERT_TRUE(huge);
  EXPECT_FLOAT_EQ(huge->parts[0].second, 0.5f);
  EXPECT_FLOAT_EQ(huge->parts[1].second, 0.5f);
  auto tiny = parse_voice_blend("af_bella(1e-100)");
  ASSERT_TRUE(tiny);
  EXPECT_FLOAT_EQ(tiny->parts[0].second, 1.0f);
  EXPECT_FALSE(parse_voice_blend("af_bella(1e308)+af_sky(1e308)"));  // the sum overflows
}

TEST(KokoroVoices, LanguageAndGenderFromPrefix) {
  EXPECT_EQ(voice_language("af_heart"), "en-us");
  EXPECT_EQ(voice_language("bm_george"), "en-gb");
  EXPECT_EQ(voice_language("ef_dora"), "es");
  EXPECT_EQ(voice_language("ff_siwis"), "fr");
  EXPECT_EQ(voice_language("hm_psi"), "hi");
  EXPECT_EQ(voice_language("im_nicola"), "it");
  EXPECT_EQ(voice_language("jf_alpha"), "ja");
  EXPECT_EQ(voice_language("pm_alex"), "pt-br");
  EXPECT_EQ(voice_language("zm_yunxi"), "zh");
  EXPECT_EQ(voice_language("xx"), "");
  EXPECT_EQ(voice_gender("af_heart"), "female");
  EXPECT_EQ(voice_gender("am_adam"), "male");
}

TEST(KokoroVoices, StyleRowIsTokenCountLessOneClamped) {
  std::map<std::string, NpyArray> arrays;
  NpyArray a;
  a.shape = {510, 1, 256};
  a.data.resize(510 * 256);
  for (std::size_t r = 0; r < 510; ++r) a.data[r * 256] = static_cast<float>(r);
  arrays["af_heart"] = a;
  const auto table = VoiceTable::from_arrays(arrays, "test");
  EXPECT_EQ(table.row_for(0), 0u);
  EXPECT_EQ(table.row_for(1), 0u);
  EXPECT_EQ(table.row_for(12), 11u);
  EXPECT_EQ(table.row_for(510), 509u);
  EXPECT_EQ(table.row_for(600), 509u);
  EXPECT_EQ(table.style(*parse_voice_blend("af_heart"), 42)[0], 42.0f);
  EXPECT_THROW(table.style(*parse_voice_blend("af_nope"), 1), std::out_of_range);
}

TEST(KokoroVoices, OpenAiNamesMapPerLanguage) {
  const std::vector<std::string> all = {"af_alloy", "af_heart", "af_nova",  "af_sky",  "am_echo", "am_onyx",
                                        "am_adam",  "bf_emma",  "bm_fable", "bm_george", "ef_dora", "em_alex",
                                        "ff_siwis", "pf_dora",  "pm_alex"};
  EXPECT_EQ(voice_for_openai_name("alloy", "en-us", all), "af_alloy");
  EXPECT_EQ(voice_for_openai_name("echo", "en-us", all), "am_echo");
  EXPECT_EQ(voice_for_openai_name("onyx", "en-us", all), "am_onyx");
  EXPECT_EQ(voice_for_openai_name("nova", "en-us", all), "af_nova");
  EXPECT_EQ(voice_for_openai_name("shimmer", "en-us", all), "af_sky");
  EXPECT_EQ(voice_for_openai_name("fable", "en-gb", all), "bm_fable");
  EXPECT_EQ(voice_for_openai_name("onyx", "en-gb", all), "bm_george");
  EXPECT_EQ(voice_for_openai_name("coral", "en-gb", all), "bf_emma");
  EXPECT_EQ(voice_for_openai_name("nova", "es", all), "ef_dora");
  EXPECT_EQ(voice_for_openai_name("onyx", "es", all), "em_alex");
  EXPECT_EQ(voice_for_openai_name("echo", "pt-br", all), "pm_alex");
  EXPECT_EQ(voice_for_openai_name("echo", "fr", all), "ff_siwis");  // only voice of the language
  EXPECT_EQ(voice_for_openai_name("sage", "en-us", all), "af_heart");  // af_sarah missing
  EXPECT_EQ(voice_for_openai_name("alloy", "hi", all), "");
}

}  // namespace
}  // namespace chorus::kokoro
