#include "engines/espeak/espeak_language_map.h"

#include <gtest/gtest.h>

#include "espeak_test_support.h"

namespace chorus {
namespace {

EspeakVoice make_voice(std::string name, std::vector<std::pair<std::string, int>> languages) {
  EspeakVoice voice;
  voice.name = name;
  voice.file = "x/" + name;
  voice.language = name;
  voice.languages = std::move(languages);
  voice.languages.insert(voice.languages.begin(), {name, 5});
  return voice;
}

// A miniature catalog shaped like espeak's own listing, independent of the installed data.
EspeakVoiceCatalog small_catalog() {
  return EspeakVoiceCatalog(
      {make_voice("en-gb", {{"en", 2}}), make_voice("en-us", {{"en", 3}}),
       make_voice("fr-be", {{"fr", 8}}), make_voice("fr-fr", {{"fr", 5}}),
       make_voice("cmn", {{"zh", 5}}), make_voice("cmn-latn-pinyin", {{"zh", 5}}),
       make_voice("nb", {{"no", 5}})},
      {});
}

TEST(EspeakLanguageMapTest, NormalizesTags) {
  EXPECT_EQ(canonical_espeak_tag("pt_BR"), "pt-br");
  EXPECT_EQ(canonical_espeak_tag(" EN-us "), "en-us");
}

TEST(EspeakLanguageMapTest, PrefersTableThenExactNameThenBestPriority) {
  const auto catalog = small_catalog();
  EXPECT_EQ(espeak_voice_for_language(catalog, "en"), "en-us");            // table
  EXPECT_EQ(espeak_voice_for_language(catalog, "en-GB"), "en-gb");         // exact name
  EXPECT_EQ(espeak_voice_for_language(catalog, "fr"), "fr-fr");            // priority 5 < 8
  EXPECT_EQ(espeak_voice_for_language(catalog, "no"), "nb");               // declared language
  EXPECT_EQ(espeak_voice_for_language(catalog, "zh-CN"), "cmn-latn-pinyin");
  EXPECT_EQ(espeak_voice_for_language(catalog, "en-au"), "en-us");         // prefix fallback
  EXPECT_EQ(espeak_voice_for_language(catalog, "fr-ca"), "fr-fr");
  EXPECT_FALSE(espeak_voice_for_language(catalog, "xx"));
  EXPECT_FALSE(espeak_voice_for_language(catalog, ""));
}

TEST(EspeakLanguageMapTest, InstalledDataCoversTheRequiredLanguages) {
  const auto& catalog = testing::shared_engine().catalog();
  const std::vector<std::pair<std::string, std::string>> expected{
      {"en", "en-us"}, {"en-us", "en-us"}, {"en-gb", "en-gb"}, {"es", "es"}, {"fr", "fr-fr"},
      {"de", "de"}, {"it", "it"}, {"pt", "pt"}, {"pt-br", "pt-br"}, {"pt-pt", "pt"},
      {"pl", "pl"}, {"tr", "tr"}, {"ru", "ru"}, {"nl", "nl"}, {"cs", "cs"}, {"ar", "ar"},
      {"zh", "cmn-latn-pinyin"}, {"zh-cn", "cmn-latn-pinyin"}, {"ja", "ja"}, {"hu", "hu"},
      {"ko", "ko"}, {"hi", "hi"}, {"es-mx", "es-419"}, {"de-at", "de"}, {"ja-jp", "ja"}};
  for (const auto& [tag, voice] : expected) {
    EXPECT_EQ(espeak_voice_for_language(catalog, tag), voice) << tag;
  }
  EXPECT_FALSE(espeak_voice_for_language(catalog, "tlh-xx-none"));
  EXPECT_FALSE(espeak_voice_for_language(catalog, "zz"));
}

}  // namespace
}  // namespace chorus
