#include "text/language_detect.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "text/utf8.h"

namespace chorus {
namespace {

struct DetectCase {
  const char* text;
  const char* fallback;
  const char* expected;
};

class Detection : public ::testing::TestWithParam<DetectCase> {};

TEST_P(Detection, Detects) {
  const auto& c = GetParam();
  EXPECT_EQ(detect_language(c.text, c.fallback).language, c.expected) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, Detection,
    ::testing::Values(DetectCase{"안녕하세요", "en", "ko"}, DetectCase{"こんにちは", "en", "ja"},
                      DetectCase{"東京へ行きます", "en", "ja"}, DetectCase{"你好世界", "en", "zh"},
                      DetectCase{"नमस्ते", "en", "hi"}, DetectCase{"مرحبا", "en", "ar"},
                      DetectCase{"Привет", "en", "ru"}, DetectCase{"12345 !!!", "de", "de"},
                      DetectCase{"", "fr", "fr"}));

INSTANTIATE_TEST_SUITE_P(
    ShortTextFallsBack, Detection,
    ::testing::Values(DetectCase{"Hello", "fr", "fr"}, DetectCase{"OK", "de", "de"},
                      DetectCase{"Straße", "en", "de"}, DetectCase{"Mañana", "en", "es"},
                      DetectCase{"Łódź", "en", "pl"}, DetectCase{"Dobře", "en", "cs"}));

TEST(Detection, ShortTextIsMarkedUnreliable) {
  const auto r = detect_language("Hi there", "it");
  EXPECT_EQ(r.language, "it");
  EXPECT_FALSE(r.reliable);
  EXPECT_EQ(r.method, "fallback");
}

TEST(Detection, ScriptDecisionsAreReliable) {
  const auto r = detect_language("Сегодня хорошая погода", "en");
  EXPECT_TRUE(r.reliable);
  EXPECT_EQ(r.script, Script::kCyrillic);
}

TEST(Detection, AmbiguousTextPrefersTheCallersLanguage) {
  EXPECT_EQ(detect_language("Mr. A. B. Smith Jr. lives on 5th Ave. in New York, NY 10001.", "en").language, "en");
}

TEST(Detection, ShortAmbiguousTextDefersToTheCallersLanguage) {
  // textcat ranks Czech (and others) above English for these; English is among its candidates.
  for (const char* text : {"Please call Bob today.", "Hello, how are you today?",
                           "The meeting is at noon."}) {
    const auto d = detect_language(text, "en");
    EXPECT_EQ(d.language, "en") << text;
    EXPECT_FALSE(d.reliable) << text;
  }
  // Unambiguous short text is still detected, whatever the caller's language.
  EXPECT_EQ(detect_language("Je te rappelle plus tard.", "en").language, "fr");
}

TEST(Detection, TextcatModelsAreInstalled) { EXPECT_TRUE(textcat_available()); }

// Accuracy over a corpus of 20+ character sentences in the 17 languages (issue target: 95%).
TEST(Detection, CorpusAccuracy) {
  std::ifstream in(std::string(CHORUS_SOURCE_DIR) + "/tests/unit/text/data/detection_corpus.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int total = 0;
  int correct = 0;
  std::map<std::string, std::pair<int, int>> per_language;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string lang = line.substr(0, tab);
    const std::string text = line.substr(tab + 1);
    ASSERT_GE(utf8_length(text), 20u) << text;
    // A fallback no sentence is in, so only real detections count.
    const auto got = detect_language(text, "xx").language;
    ++total;
    ++per_language[lang].second;
    if (got == lang) {
      ++correct;
      ++per_language[lang].first;
    } else {
      std::printf("  miss [%s] detected as %s: %s\n", lang.c_str(), got.c_str(), text.c_str());
    }
  }
  const double accuracy = total ? static_cast<double>(correct) / total : 0;
  std::printf("language detection accuracy: %d/%d = %.1f%%\n", correct, total, 100 * accuracy);
  EXPECT_EQ(per_language.size(), 17u);
  EXPECT_GE(accuracy, 0.95);
}

}  // namespace
}  // namespace chorus
