// Voice listing, id resolution and OpenAI aliases against the installed espeak-ng data.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/api_error.h"
#include "engines/espeak/espeak_voice_aliases.h"
#include "espeak_test_support.h"

namespace chorus {
namespace {

using testing::shared_engine;

const std::vector<std::string> kRequiredLanguages{"en", "es", "fr", "de", "it", "pt",
                                                  "pl", "tr", "ru", "nl", "cs", "ar",
                                                  "zh", "ja", "hu", "ko", "hi"};

TEST(EspeakEngineInfoTest, DescribesTheEngine) {
  const EngineInfo& info = shared_engine().info();
  EXPECT_EQ(info.name, "espeak");
  EXPECT_EQ(info.model_version.rfind("espeak-ng 1.", 0), 0u) << info.model_version;
  EXPECT_EQ(info.sample_rate, 22050);
  EXPECT_TRUE(info.streams);
  EXPECT_FALSE(info.can_clone);
  EXPECT_EQ(info.max_concurrency, 1);
  EXPECT_NEAR(info.min_speed, 80.0f / 175.0f, 1e-4);
  EXPECT_NEAR(info.max_speed, 450.0f / 175.0f, 1e-4);
  for (const auto& tag : info.languages) {
    EXPECT_EQ(tag, ascii_lower(tag));
  }
  for (const char* tag : {"zh-cn", "zh-tw", "en-us", "en-gb", "pt-br"}) {
    EXPECT_TRUE(std::ranges::find(info.languages, tag) != info.languages.end()) << tag;
  }
  EXPECT_TRUE(std::ranges::is_sorted(info.languages));
  for (const auto& tag : kRequiredLanguages) {
    EXPECT_TRUE(std::ranges::find(info.languages, tag) != info.languages.end()) << tag;
  }
}

TEST(EspeakEngineInfoTest, RateMapping) {
  EXPECT_EQ(EspeakEngine::rate_for_speed(1.0f), 175);
  EXPECT_EQ(EspeakEngine::rate_for_speed(2.0f), 350);
  EXPECT_EQ(EspeakEngine::rate_for_speed(0.1f), 80);
  EXPECT_EQ(EspeakEngine::rate_for_speed(4.0f), 450);
  EXPECT_EQ(EspeakEngine::rate_for_speed(std::nanf("")), 175);
}

TEST(EspeakEngineVoicesTest, ListsLanguageVoicesWithUniqueIds) {
  const auto voices = shared_engine().voices();
  ASSERT_GT(voices.size(), 50u);
  std::set<std::string> ids;
  for (const auto& voice : voices) {
    EXPECT_TRUE(ids.insert(voice.id).second) << voice.id;
    EXPECT_EQ(voice.engine, "espeak");
    EXPECT_EQ(voice.id.rfind("espeak:", 0), 0u);
    EXPECT_EQ(voice.id.find('+'), std::string::npos) << "variants are not listed: " << voice.id;
    EXPECT_FALSE(voice.name.empty());
    EXPECT_FALSE(voice.language.empty());
  }
  for (const char* id : {"espeak:en-us", "espeak:en-gb", "espeak:fr-fr", "espeak:de", "espeak:cmn",
                         "espeak:cmn-latn-pinyin", "espeak:pt-br", "espeak:ja", "espeak:hi"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
}

TEST(EspeakEngineVoicesTest, EveryListedIdRoundTrips) {
  for (const auto& voice : shared_engine().voices()) {
    const auto found = shared_engine().find_voice(voice.id);
    ASSERT_TRUE(found) << voice.id;
    EXPECT_EQ(found->id, voice.id);
    EXPECT_EQ(found->language, voice.language);
  }
}

TEST(EspeakEngineVoicesTest, VariantsResolveAndUnknownOnesAreRejected) {
  auto& engine = shared_engine();
  const auto& variants = engine.variants();
  for (const char* id : {"f1", "f2", "f3", "f4", "f5", "m1", "m2", "m3", "m4", "m5", "m6", "m7",
                         "klatt"}) {
    EXPECT_TRUE(std::ranges::any_of(variants, [&](const auto& v) { return v.id == id; })) << id;
  }
  const auto female = engine.find_voice("espeak:fr-fr+f3");
  ASSERT_TRUE(female);
  EXPECT_EQ(female->id, "espeak:fr-fr+f3");
  EXPECT_EQ(female->gender, "female");
  EXPECT_EQ(female->language, "fr-fr");
  const auto male = engine.find_voice("espeak:en-us+m3");
  ASSERT_TRUE(male);
  EXPECT_EQ(male->gender, "male");
  // Variant ids are lower-case even where espeak's file is not ("Alex").
  const auto alex = engine.find_voice("espeak:en-us+Alex");
  ASSERT_TRUE(alex);
  EXPECT_EQ(alex->id, "espeak:en-us+alex");

  for (const char* id : {"espeak:fr-fr+f9", "espeak:fr-fr+", "espeak:xx", "espeak:xx+f3",
                         "espeak:", "fr-fr", "kokoro:af_heart", "espeak:en-us+variant"}) {
    EXPECT_FALSE(engine.find_voice(id)) << id;
  }
}

TEST(EspeakEngineVoicesTest, LanguageTagsWorkInPlaceOfVoiceNames) {
  auto& engine = shared_engine();
  EXPECT_EQ(engine.find_voice("espeak:fr")->id, "espeak:fr-fr");
  EXPECT_EQ(engine.find_voice("espeak:fr+f3")->id, "espeak:fr-fr+f3");
  EXPECT_EQ(engine.find_voice("espeak:en")->id, "espeak:en-us");
  EXPECT_EQ(engine.find_voice("espeak:zh")->id, "espeak:cmn-latn-pinyin");
  // An exact espeak voice name wins over the language table.
  EXPECT_EQ(engine.find_voice("espeak:cmn")->id, "espeak:cmn");
}

TEST(EspeakEngineAliasTest, AllAliasesMapInEnglishAndFrench) {
  auto& engine = shared_engine();
  for (const auto& alias : espeak_aliases()) {
    for (const char* language : {"en", "fr"}) {
      const auto voice = engine.voice_for_alias(alias.alias, language);
      ASSERT_TRUE(voice) << alias.alias << " " << language;
      EXPECT_EQ(voice->gender, alias.gender) << voice->id;
      EXPECT_NE(voice->id.find('+'), std::string::npos) << voice->id;
      // The answer must be a voice find_voice() accepts as-is.
      const auto again = engine.find_voice(voice->id);
      ASSERT_TRUE(again) << voice->id;
      EXPECT_EQ(again->id, voice->id);
      if (std::string_view(language) == "fr") {
        EXPECT_EQ(voice->id.rfind("espeak:fr-fr+", 0), 0u) << voice->id;
      } else if (alias.alias == "fable") {
        EXPECT_EQ(voice->id, "espeak:en-gb-x-rp+m1");
      } else {
        EXPECT_EQ(voice->id.rfind("espeak:en-us+", 0), 0u) << voice->id;
      }
    }
  }
  EXPECT_EQ(engine.voice_for_alias("nova", "en")->id, "espeak:en-us+f4");
  EXPECT_EQ(engine.voice_for_alias("onyx", "fr")->id, "espeak:fr-fr+m7");
  // A specific accent keeps its voice even for fable.
  EXPECT_EQ(engine.voice_for_alias("fable", "en-us")->id, "espeak:en-us+m1");
  EXPECT_EQ(engine.voice_for_alias("ALLOY", "pt-BR")->id, "espeak:pt-br+f2");
}

TEST(EspeakEngineAliasTest, RejectsUnknownAliasOrLanguage) {
  auto& engine = shared_engine();
  EXPECT_FALSE(engine.voice_for_alias("bogus", "en"));
  EXPECT_FALSE(engine.voice_for_alias("alloy", "zz"));
  EXPECT_FALSE(engine.voice_for_alias("", "en"));
}

TEST(EspeakEngineAliasTest, SharedVariantsWhenPerAliasVariantsAreOff) {
  EspeakConfig config;
  config.per_alias_variants = false;
  config.female_variant = "f5";
  config.male_variant = "";
  EspeakEngine engine(config);  // a second engine shares the already-initialized library
  EXPECT_EQ(engine.voice_for_alias("alloy", "de")->id, "espeak:de+f5");
  EXPECT_EQ(engine.voice_for_alias("nova", "de")->id, "espeak:de+f5");
  EXPECT_EQ(engine.voice_for_alias("onyx", "de")->id, "espeak:de");
}

TEST(EspeakEngineConfigTest, UnknownConfiguredVariantFailsConstruction) {
  EspeakConfig config;
  config.female_variant = "f99";
  EXPECT_THROW({ EspeakEngine engine(config); }, EngineError);
}

}  // namespace
}  // namespace chorus
