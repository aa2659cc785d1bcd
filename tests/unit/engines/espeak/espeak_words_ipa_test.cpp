// Word events and IPA pronunciations through real libespeak-ng.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engines/espeak/espeak_input.h"
#include "engines/espeak/espeak_ipa_mnemonics.h"
#include "espeak_test_support.h"

namespace chorus {
namespace {

using testing::shared_engine;

struct Timed {
  std::vector<float> samples;
  std::vector<WordTiming> words;
};

Timed speak(const std::string& text, float speed = 1.0f) {
  Timed out;
  SynthesisRequest request = testing::make_request(text, "espeak:en-us", "en-us", speed);
  request.on_word = [&](const WordTiming& t) { out.words.push_back(t); };
  shared_engine().synthesize(
      request,
      [&](std::span<const float> pcm) {
        out.samples.insert(out.samples.end(), pcm.begin(), pcm.end());
        return true;
      },
      CancelToken{});
  return out;
}

std::string span_text(const std::string& text, const WordTiming& t) {
  return text.substr(t.text_begin, t.text_end - t.text_begin);
}

TEST(EspeakWordEvents, OneTimingPerWordInOrderInsideTheAudio) {
  const std::string text = "The quick brown fox jumps over the lazy dog.";
  const Timed r = speak(text);
  ASSERT_EQ(r.words.size(), 9u);
  EXPECT_EQ(span_text(text, r.words[0]), "The");
  EXPECT_EQ(span_text(text, r.words[3]), "fox");
  EXPECT_EQ(span_text(text, r.words[8]).substr(0, 3), "dog");
  for (std::size_t i = 0; i < r.words.size(); ++i) {
    EXPECT_LT(r.words[i].start_sample, r.words[i].end_sample) << i;
    EXPECT_LE(r.words[i].end_sample, r.samples.size());
    if (i > 0) {
      EXPECT_GE(r.words[i].start_sample, r.words[i - 1].end_sample) << i;
    }
  }
}

TEST(EspeakWordEvents, CharacterPositionsMapToBytesOfUtf8Text) {
  const std::string text = "Café naïve résumé today.";
  const Timed r = speak(text);
  ASSERT_EQ(r.words.size(), 4u);
  EXPECT_EQ(span_text(text, r.words[1]), "naïve");
  EXPECT_EQ(span_text(text, r.words[3]).substr(0, 5), "today");
}

TEST(EspeakWordEvents, FasterSpeechHasEarlierWords) {
  const std::string text = "One two three four five six seven.";
  const Timed normal = speak(text, 1.0f);
  const Timed fast = speak(text, 2.0f);
  ASSERT_EQ(normal.words.size(), 7u);
  ASSERT_EQ(fast.words.size(), 7u);
  const double ratio = static_cast<double>(fast.words[6].start_sample) / normal.words[6].start_sample;
  EXPECT_GT(ratio, 0.35);
  EXPECT_LT(ratio, 0.7);
}

TEST(EspeakWordEvents, NoEventsWithoutSink) {
  SynthesisRequest request = testing::make_request("Hello there.", "espeak:en-us");
  std::size_t samples = 0;
  shared_engine().synthesize(
      request, [&](std::span<const float> pcm) { samples += pcm.size(); return true; }, CancelToken{});
  EXPECT_GT(samples, 0u);
}

TEST(EspeakIpa, MnemonicsFromIpaAndMisakiLetters) {
  EXPECT_EQ(ipa_to_espeak_mnemonics("kˈoʊkəɹoʊ").phonemes, "k'oUk@roU");
  EXPECT_EQ(ipa_to_espeak_mnemonics("kˈOkəɹO").phonemes, "k'oUk@roU");
  EXPECT_EQ(ipa_to_espeak_mnemonics("ðə θˈɪŋ").phonemes, "D@ T'IN");
  EXPECT_EQ(ipa_to_espeak_mnemonics("tʃˈɜːtʃ dʒˈʌdʒ").phonemes, "tS'3:tS dZ'VdZ");
  const auto unknown = ipa_to_espeak_mnemonics("bɮa");
  EXPECT_EQ(unknown.phonemes, "ba");
  ASSERT_EQ(unknown.unknown.size(), 1u);
  EXPECT_EQ(unknown.unknown[0], "ɮ");
}

TEST(EspeakIpa, InputMapsMarkupBackToTheChunk) {
  const std::string chunk = "Say [Kokoro](/kˈOkəɹO/) now [[x]].";
  const EspeakInput input = build_espeak_input(chunk);
  EXPECT_TRUE(input.phonemes);
  EXPECT_EQ(input.text, "Say [[k'oUk@roU]] now [(x]].");
  const std::size_t at = input.text.find("[[");
  const auto [b, e] = input.to_chunk(at, at + 4);
  EXPECT_EQ(chunk.substr(b, e - b), "[Kokoro](/kˈOkəɹO/)");
  const std::size_t now = input.text.find("now");
  const auto [nb, ne] = input.to_chunk(now, now + 3);
  EXPECT_EQ(chunk.substr(nb, ne - nb), "now");
}

TEST(EspeakIpa, PronunciationIsSpokenNotTheWrittenWord) {
  // A long pronunciation for a short word: the audio grows by about its length.
  const Timed plain = speak("Say cat now.");
  const Timed marked = speak("Say [cat](/kˈætəmɛɹən kˈætəmɛɹən/) now.");
  EXPECT_GT(marked.samples.size(), plain.samples.size() + 22050 / 2);
  // The markup is one word of the chunk, timed as a whole.
  ASSERT_EQ(marked.words.size(), 3u);
  EXPECT_EQ(marked.words[1].text_begin, 4u);
  EXPECT_GT(marked.words[1].end_sample - marked.words[1].start_sample,
            plain.words[1].end_sample - plain.words[1].start_sample);
  // Same length as espeak speaking the phonemes the long way round (the written spelling).
  const Timed spelled = speak("Say catamaran catamaran now.");
  const double ratio = static_cast<double>(marked.samples.size()) / spelled.samples.size();
  EXPECT_GT(ratio, 0.8);
  EXPECT_LT(ratio, 1.25);
}

}  // namespace
}  // namespace chorus
