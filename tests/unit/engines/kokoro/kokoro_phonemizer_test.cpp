#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "engines/kokoro/kokoro_espeak_ipa.h"
#include "engines/kokoro/kokoro_phonemizer.h"

namespace chorus::kokoro {
namespace {

// A fake espeak: records the pieces it is given and answers with canned IPA.
struct FakeIpa {
  std::vector<std::pair<std::string, std::string>> calls;
  std::string operator()(std::string_view text, const std::string& voice) {
    calls.emplace_back(std::string(text), voice);
    if (text == "Hello world") return "həlˈo^ʊ wˈɜːld";
    if (text == "how are you") return "hˈa^ʊ ɑː^ɹ juː";
    if (text == "Hola") return "ˈola";
    if (text == "qué tal") return "kˈe tˈal";
    return "t^ʃ";
  }
};

TEST(KokoroPhonemizer, KeepsPunctuationAndAppliesEnglishTable) {
  FakeIpa fake;
  Phonemizer p([&](std::string_view t, const std::string& v) { return fake(t, v); });
  const auto lang = find_phonemizer_language("en-US");
  ASSERT_TRUE(lang);
  EXPECT_EQ(p.phonemize("Hello world, how are you?", *lang), "həlˈO wˈɜɹld, hˈW ɑɹ ju?");
  ASSERT_EQ(fake.calls.size(), 2u);
  EXPECT_EQ(fake.calls[0].first, "Hello world");
  EXPECT_EQ(fake.calls[0].second, "en-us");
  EXPECT_EQ(fake.calls[1].first, "how are you");
}

TEST(KokoroPhonemizer, SpanishMarksAndQuotes) {
  FakeIpa fake;
  Phonemizer p([&](std::string_view t, const std::string& v) { return fake(t, v); });
  const auto lang = find_phonemizer_language("es");
  ASSERT_TRUE(lang);
  // ¡ ¿ have no token and are dropped; « » become “ ”.
  EXPECT_EQ(p.phonemize("¡Hola! ¿qué tal? «Hola»", *lang), "ˈola! kˈe tˈal? “ˈola”");
  EXPECT_EQ(fake.calls[0].second, "es");
}

TEST(KokoroPhonemizer, BracketsAndEmptyText) {
  FakeIpa fake;
  Phonemizer p([&](std::string_view t, const std::string& v) { return fake(t, v); });
  const auto lang = find_phonemizer_language("fr");
  ASSERT_TRUE(lang);
  EXPECT_EQ(lang->espeak_voice, "fr");
  EXPECT_EQ(p.phonemize("Hola (x) Hola.", *lang), "ˈola (ʧ) ˈola.");
  EXPECT_EQ(p.phonemize("  ...  ", *lang), "...");
  EXPECT_EQ(p.phonemize("", *lang), "");
}

TEST(KokoroPhonemizer, LanguageTags) {
  EXPECT_EQ(find_phonemizer_language("en")->tag, "en-us");
  EXPECT_EQ(find_phonemizer_language("en_GB")->espeak_voice, "en");
  EXPECT_TRUE(find_phonemizer_language("en-gb")->british);
  EXPECT_EQ(find_phonemizer_language("pt")->espeak_voice, "pt-br");
  EXPECT_EQ(find_phonemizer_language("hi")->tag, "hi");
  EXPECT_EQ(find_phonemizer_language("it")->tag, "it");
  EXPECT_FALSE(find_phonemizer_language("de"));
  EXPECT_TRUE(find_phonemizer_language("ja")->japanese);
  EXPECT_TRUE(find_phonemizer_language("ja-JP")->japanese);
  EXPECT_FALSE(find_phonemizer_language("en")->japanese);
  EXPECT_FALSE(find_phonemizer_language("zh"));
}

// The real libespeak-ng accepts every voice name in the table (1.51 has no "en-gb"/"fr-fr"
// voice names; a wrong one made every British and French request fall back to another engine).
TEST(KokoroPhonemizer, EveryLanguageHasAnEspeakVoice) {
  const IpaFunction ipa = make_espeak_ipa("");
  for (const auto& language : phonemizer_languages()) {
    if (language.japanese) continue;  // MeCab, not espeak-ng
    SCOPED_TRACE(language.tag);
    std::string out;
    EXPECT_NO_THROW(out = ipa("bonjour hello hola", language.espeak_voice));
    EXPECT_FALSE(out.empty());
  }
  // British and American English differ ("tomato": tə-mɑː-təʊ vs tə-meɪ-ɾoʊ).
  EXPECT_NE(ipa("tomato", find_phonemizer_language("en-gb")->espeak_voice),
            ipa("tomato", find_phonemizer_language("en-us")->espeak_voice));
}

}  // namespace
}  // namespace chorus::kokoro
