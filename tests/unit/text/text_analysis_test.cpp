#include "text/text_analysis.h"

#include <gtest/gtest.h>

#include "core/api_error.h"
#include "text/utf8.h"

namespace chorus {
namespace {

TEST(Analyze, NormalizesDetectsAndChunks) {
  const auto a = analyze_text("Dr. Smith paid $5.99 on 2024-03-05.", std::nullopt);
  EXPECT_EQ(a.language, "en");
  EXPECT_TRUE(a.language_detected);
  EXPECT_EQ(a.normalized,
            "Doctor Smith paid five dollars and ninety-nine cents on March fifth, twenty "
            "twenty-four.");
  ASSERT_EQ(a.chunks.size(), 1u);
  EXPECT_EQ(a.chunks[0].text, a.normalized);
}

TEST(Analyze, RequestLanguageWins) {
  const auto a = analyze_text("21", std::string("DE"));
  EXPECT_EQ(a.language, "de");
  EXPECT_FALSE(a.language_detected);
  EXPECT_EQ(a.normalized, "einundzwanzig");
}

TEST(Analyze, DetectsOtherLanguages) {
  const auto a = analyze_text("Il faisait très beau ce matin, nous avions 3 chats.", std::nullopt);
  EXPECT_EQ(a.language, "fr");
  EXPECT_NE(a.normalized.find("trois chats"), std::string::npos);
  EXPECT_EQ(analyze_text("今日は良い天気ですね。", std::nullopt).language, "ja");
}

TEST(Analyze, ShortTextUsesFallbackRegion) {
  AnalyzeOptions o;
  o.fallback_language = "en-GB";
  const auto a = analyze_text("Hi", std::nullopt, o);
  EXPECT_EQ(a.language, "en-gb");
  EXPECT_FALSE(a.language_reliable);
}

TEST(Analyze, NormalizeOffKeepsWords) {
  AnalyzeOptions o;
  o.normalize = false;
  const auto a = analyze_text("It costs $5.", std::string("en"), o);
  EXPECT_EQ(a.normalized, "It costs $5.");
}

TEST(Analyze, InlineMarkupSurvivesChunking) {
  AnalyzeOptions o;
  o.chunk_options = {20, 40};
  const auto a = analyze_text("I love [Kokoro](/kˈO kəɹO/) a lot. It is a great model for everyone.",
                              std::string("en"), o);
  std::string joined;
  for (const auto& c : a.chunks) joined += c.text + "|";
  EXPECT_NE(joined.find("[Kokoro](/kˈO kəɹO/)"), std::string::npos) << joined;
  EXPECT_NE(a.normalized.find("[Kokoro](/kˈO kəɹO/)"), std::string::npos);
}

TEST(Analyze, PausesEndChunks) {
  const auto a = analyze_text("First part[pause:1.5s]Second part. [pause:2s]", std::string("en"));
  ASSERT_EQ(a.chunks.size(), 2u);
  EXPECT_EQ(a.chunks[0].text, "First part");
  EXPECT_DOUBLE_EQ(a.chunks[0].pause_after_seconds, 1.5);
  EXPECT_EQ(a.chunks[1].text, "Second part.");
  EXPECT_DOUBLE_EQ(a.chunks[1].pause_after_seconds, 2.0);
  EXPECT_NE(a.normalized.find("[pause:1.5s]"), std::string::npos);
}

TEST(Analyze, Lexicons) {
  Lexicon server;
  server.add("chorus", "/ˈkɔːrəs/");
  server.add("SQL", "sequel");
  Lexicon request;
  request.add("SQL", "S Q L");
  AnalyzeOptions o;
  o.server_lexicon = &server;
  o.request_lexicon = &request;
  const auto a = analyze_text("chorus speaks SQL", std::string("en"), o);
  EXPECT_EQ(a.normalized, "[chorus](/ˈkɔːrəs/) speaks S Q L");
}

TEST(Analyze, Ssml) {
  AnalyzeOptions o;
  o.ssml = true;
  const auto a = analyze_text(
      "<speak><prosody rate=\"fast\">Call <say-as interpret-as=\"telephone\">555-1234</say-as>"
      "<break time=\"1s\"/>now, it costs $3.</prosody></speak>",
      std::string("en"), o);
  ASSERT_EQ(a.chunks.size(), 2u);
  EXPECT_EQ(a.chunks[0].text, "Call five five five, one two three four");
  EXPECT_DOUBLE_EQ(a.chunks[0].pause_after_seconds, 1.0);
  EXPECT_EQ(a.chunks[1].text, "now, it costs three dollars.");
  EXPECT_DOUBLE_EQ(a.rate, 1.25);
}

TEST(Analyze, SsmlLangSegmentsUseTheirLanguage) {
  AnalyzeOptions o;
  o.ssml = true;
  const auto a = analyze_text("<speak>I said <lang xml:lang=\"es\">21 gatos</lang>.</speak>",
                              std::string("en"), o);
  EXPECT_EQ(a.normalized, "I said veintiuno gatos.");
}

TEST(Analyze, Errors) {
  AnalyzeOptions o;
  o.ssml = true;
  try {
    analyze_text("<speak>oops", std::nullopt, o);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_ssml");
  }
  EXPECT_THROW(analyze_text("x", std::string("english"), {}), ApiError);
}

TEST(Analyze, EmptyAndBlankInput) {
  EXPECT_TRUE(analyze_text("", std::nullopt).chunks.empty());
  EXPECT_TRUE(analyze_text("  \n ", std::nullopt).chunks.empty());
}

TEST(Analyze, InvalidUtf8NeverLeaksIntoChunks) {
  const auto a = analyze_text("caf\xC3 \xFF ok 5", std::string("en"));
  for (const auto& c : a.chunks) EXPECT_TRUE(is_valid_utf8(c.text));
  EXPECT_TRUE(is_valid_utf8(a.normalized));
}

}  // namespace
}  // namespace chorus
