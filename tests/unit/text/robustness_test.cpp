// Randomized inputs for the normalizer, the SSML parser, markup and the chunker: no crash,
// valid UTF-8 out, limits respected, and linear-ish time on large inputs.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "core/api_error.h"
#include "text/chunker.h"
#include "text/language.h"
#include "text/markup.h"
#include "text/normalizer.h"
#include "text/ssml.h"
#include "text/text_analysis.h"
#include "text/utf8.h"

namespace chorus {
namespace {

// Sanitizer builds run several times slower; the bounds only guard against quadratic blowups.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr double kSlowdown = 10.0;
#else
constexpr double kSlowdown = 1.0;
#endif

// Pieces that exercise the rules, glued together at random with random bytes in between.
const std::vector<std::string>& fragments() {
  static const std::vector<std::string> f{
      "$", "€", "£", "5", "12", "1,000", "3.14", "-", "–", "%", "/", ":", "am", "pm", "1st",
      "2024-03-05", "12/25/2023", "http://", "www.", ".com", "@", "#", "Dr.", "St.", "IV", "km",
      "°C", " ", "  ", "\n", "\n\n", ".", "!", "?", "。", "，", "你好", "こんにちは", "안녕",
      "नमस्ते", "مرحبا", "Привет", "é", "ß", "\xF0\x9F\x91\x8D", "\xE2\x80\x8D", "\xFF", "\xC3",
      "[", "]", "(/", "/)", "[pause:", "s]", "<speak>", "</speak>", "<break time=\"1s\"/>",
      "<say-as interpret-as=\"cardinal\">", "</say-as>", "&amp;", "&#x41;", "<", ">", "&",
      "\"", "'", "+1 (555) 123-4567", "½", "0", "00000000000000000000", "k", "M", "B"};
  return f;
}

std::string random_input(std::mt19937& rng, std::size_t pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, fragments().size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> coin(0, 9);
  std::string s;
  for (std::size_t i = 0; i < pieces; ++i) {
    if (coin(rng) == 0) {
      s.push_back(static_cast<char>(byte(rng)));
    } else {
      s += fragments()[pick(rng)];
    }
  }
  return s;
}

TEST(Robustness, RandomInputsKeepInvariants) {
  std::mt19937 rng(12345);
  // The languages with their own number speller (text/number_words.h).
  const std::vector<std::string> languages{"en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru",
                                           "nl", "cs", "ar", "zh", "ja", "hu", "ko", "hi"};
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string input = random_input(rng, 1 + iter % 40);
    const std::string& lang = languages[static_cast<std::size_t>(iter) % languages.size()];
    const std::string normalized = normalize_text(input, lang);
    ASSERT_TRUE(is_valid_utf8(normalized)) << input;

    const ChunkOptions options{1 + static_cast<std::size_t>(iter % 50), 5 + static_cast<std::size_t>(iter % 200)};
    const auto chunks = split_into_chunks(input, lang, options);
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      ASSERT_TRUE(is_valid_utf8(chunks[i].text));
      ASSERT_FALSE(is_blank(chunks[i].text)) << ::testing::PrintToString(input);
      const std::size_t limit = i == 0 ? std::min(options.first_chunk_max_chars, options.max_chars)
                                       : options.max_chars;
      ASSERT_LE(utf8_length(chunks[i].text), limit) << ::testing::PrintToString(input) << " chunk " << i << " " << options.first_chunk_max_chars << "/" << options.max_chars;
    }

    const auto ssml = parse_ssml(input, lang);
    if (ssml.ok) {
      for (const auto& s : ssml.segments) ASSERT_TRUE(is_valid_utf8(s.text));
    }
    parse_inline_markup(input);

    AnalyzeOptions ao;
    ao.ssml = iter % 3 == 0;
    try {
      const auto a = analyze_text(input, iter % 2 ? std::optional<std::string>(lang) : std::nullopt, ao);
      ASSERT_TRUE(is_valid_utf8(a.normalized));
      for (const auto& c : a.chunks) {
        ASSERT_TRUE(is_valid_utf8(c.text));
        ASSERT_FALSE(is_blank(c.text));
      }
    } catch (const ApiError& e) {
      ASSERT_EQ(e.status(), 400);
    }
  }
}

TEST(Robustness, LargeInputsStayFast) {
  std::mt19937 rng(7);
  std::string big;
  while (big.size() < 300'000) big += random_input(rng, 50) + " The year 1999 cost $5. ";
  const auto start = std::chrono::steady_clock::now();
  const std::string n = normalize_text(big, "en");
  const auto chunks = split_into_chunks(n, "en", {});
  const auto a = analyze_text(big, std::string("en"));
  parse_ssml("<speak>" + big + "</speak>", "en");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(chunks.empty());
  EXPECT_LT(seconds, 10.0 * kSlowdown);  // generous: shared CI machines; typical is well under a second
}

TEST(Robustness, PathologicalRepetitions) {
  for (const std::string unit : {"1", ".", "1.", "a.", "[", "[pause:", "<", "&", "#", "$", "-1-",
                                 "http://a.", "。", "\xE2\x80\x8D", "1,", "Dr. ", "x@y."}) {
    std::string s;
    for (int i = 0; i < 20000; ++i) s += unit;
    const auto start = std::chrono::steady_clock::now();
    const std::string n = normalize_text(s, "en");
    split_into_chunks(s, "en", {});
    analyze_text(s, std::string("en"));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(is_valid_utf8(n));
    EXPECT_LT(seconds, 5.0 * kSlowdown) << "repeating \"" << unit << "\"";
  }
}

}  // namespace
}  // namespace chorus
