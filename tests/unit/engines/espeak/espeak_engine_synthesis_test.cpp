// Real synthesis through libespeak-ng: every required language speaks, speed, cancellation and
// concurrent callers.
#include <espeak-ng/speak_lib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <thread>

#include "core/api_error.h"
#include "engines/phonemizer/espeak_library.h"
#include "engines/espeak/espeak_voice_id.h"
#include "espeak_test_support.h"

namespace chorus {
namespace {

using testing::code_points;
using testing::rms;
using testing::shared_engine;

struct Sample {
  const char* language;
  const char* text;
};

// One natural sentence per language, in its own script. Japanese is in kana: espeak-ng 1.51
// reads kanji as "Chinese letter" in English.
const Sample kSentences[] = {
    {"en", "The weather is lovely today, so we are going for a walk in the park."},
    {"es", "Hoy hace muy buen tiempo, así que vamos a dar un paseo por el parque."},
    {"fr", "Il fait très beau aujourd'hui, alors nous allons nous promener au parc."},
    {"de", "Heute ist das Wetter sehr schön, deshalb gehen wir im Park spazieren."},
    {"it", "Oggi il tempo è bellissimo, quindi andiamo a fare una passeggiata nel parco."},
    {"pt", "Hoje está um tempo lindo, por isso vamos dar um passeio no parque."},
    {"pl", "Dzisiaj jest piękna pogoda, więc idziemy na spacer do parku."},
    {"tr", "Bugün hava çok güzel, bu yüzden parkta yürüyüşe çıkıyoruz."},
    {"ru", "Сегодня прекрасная погода, поэтому мы идём гулять в парк."},
    {"nl", "Het is vandaag prachtig weer, dus we gaan een wandeling maken in het park."},
    {"cs", "Dnes je krásné počasí, takže se jdeme projít do parku."},
    {"ar", "الطقس جميل جدا اليوم، لذلك سنذهب في نزهة في الحديقة."},
    {"zh", "今天天气很好，所以我们去公园散步。"},
    {"ja", "きょうは とても いい てんきなので、こうえんを さんぽします。"},
    {"hu", "Ma nagyon szép az idő, ezért elmegyünk sétálni a parkba."},
    {"ko", "오늘은 날씨가 정말 좋아서 공원에 산책하러 갑니다."},
    {"hi", "आज मौसम बहुत अच्छा है, इसलिए हम पार्क में टहलने जा रहे हैं।"},
};

std::string voice_id_for(const std::string& language) {
  const auto voice = shared_engine().find_voice(format_espeak_voice_id(language, ""));
  if (!voice) throw std::runtime_error("no espeak voice for " + language);
  return voice->id;
}

// espeak's phoneme transcription of text with a voice. espeak marks words it hands to another
// language's rules with "(xx)", e.g. "(en)" for unknown script read as English letter names.
std::string phonemes(const std::string& voice_id, const std::string& text) {
  const auto parsed = parse_espeak_voice_id(voice_id);
  const EspeakVoice* voice = shared_engine().catalog().find_voice(parsed->voice);
  auto lock = EspeakLibrary::instance().lock();
  EXPECT_TRUE(EspeakLibrary::instance().select_voice(lock, voice->file));
  std::string out;
  const void* cursor = text.c_str();
  while (cursor != nullptr) {
    const char* piece = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, 0);
    if (piece != nullptr) out += std::string(piece) + " ";
  }
  return out;
}

// espeak is not bit-exact between calls: its prosody depends slightly on the previous utterance
// (even en after en: up to ~1.5% longer after some sentences, whatever the voice settings), so
// repeated syntheses are compared by length with this tolerance, not sample by sample. Leftover
// text from an abandoned call would add far more than this.
constexpr double kLengthJitter = 0.03;

double relative_difference(std::size_t a, std::size_t b) {
  return std::abs(static_cast<double>(a) - static_cast<double>(b)) / static_cast<double>(std::max(a, b));
}

TEST(EspeakSynthesisTest, EveryRequiredLanguageSpeaks) {
  const int rate = shared_engine().info().sample_rate;
  for (const auto& [language, text] : kSentences) {
    SCOPED_TRACE(language);
    const std::string voice_id = voice_id_for(language);
    const auto result = testing::synthesize(shared_engine(), voice_id, text);
    const double seconds = result.seconds(rate);
    const double chars = static_cast<double>(code_points(text));
    EXPECT_GT(rms(result.samples), 0.02) << voice_id;
    EXPECT_GT(seconds, 0.5);
    EXPECT_GT(seconds, chars * 0.03) << voice_id << " too short for " << chars << " chars";
    EXPECT_LT(seconds, chars * 0.4 + 1.0) << voice_id << " too long for " << chars << " chars";
    EXPECT_GT(result.sink_calls, 1) << "expected streamed pieces";
    {
      // synthesize() really switched espeak to this language's voice.
      auto lock = EspeakLibrary::instance().lock();
      const espeak_VOICE* current = espeak_GetCurrentVoice();
      ASSERT_NE(current, nullptr);
      const auto parsed = parse_espeak_voice_id(voice_id);
      EXPECT_EQ(std::string(current->identifier),
                shared_engine().catalog().find_voice(parsed->voice)->file);
    }
    for (float s : result.samples) ASSERT_TRUE(s >= -1.0f && s <= 1.0f);
  }
}

TEST(EspeakSynthesisTest, EachLanguageReadsItsOwnScript) {
  for (const auto& [language, text] : kSentences) {
    if (std::string_view(language) == "en") continue;
    SCOPED_TRACE(language);
    const std::string own = phonemes(voice_id_for(language), text);
    EXPECT_FALSE(own.empty());
    EXPECT_EQ(own.find("(en)"), std::string::npos) << "fell back to English: " << own;
    EXPECT_NE(own, phonemes("espeak:en-us", text));
  }
}

TEST(EspeakSynthesisTest, PortugueseVariantsDiffer) {
  const char* text = "Hoje está um tempo lindo, por isso vamos dar um passeio no parque.";
  const auto pt = testing::synthesize(shared_engine(), voice_id_for("pt"), text);
  const auto br = testing::synthesize(shared_engine(), voice_id_for("pt-br"), text);
  EXPECT_GT(rms(br.samples), 0.02);
  EXPECT_NE(pt.samples, br.samples);
}

TEST(EspeakSynthesisTest, VariantsChangeTheVoice) {
  const char* text = "Bonjour tout le monde.";
  const auto plain = testing::synthesize(shared_engine(), "espeak:fr-fr", text);
  const auto female = testing::synthesize(shared_engine(), "espeak:fr-fr+f3", text);
  EXPECT_GT(rms(female.samples), 0.02);
  EXPECT_NE(plain.samples, female.samples);
}

TEST(EspeakSynthesisTest, DoubleSpeedIsClearlyShorter) {
  const char* text = kSentences[0].text;
  const auto normal = testing::synthesize(shared_engine(), "espeak:en-us", text, 1.0f);
  const auto fast = testing::synthesize(shared_engine(), "espeak:en-us", text, 2.0f);
  const auto slow = testing::synthesize(shared_engine(), "espeak:en-us", text, 0.5f);
  EXPECT_LT(fast.samples.size(), normal.samples.size() * 0.7);
  EXPECT_GT(slow.samples.size(), normal.samples.size() * 1.4);
}

TEST(EspeakSynthesisTest, SinkReturningFalseStopsEarlyWithoutLeakingState) {
  auto& engine = shared_engine();
  const std::string text(
      "This is a long paragraph that keeps going for quite a while, sentence after sentence. "
      "It should take many seconds to speak. And then it continues even further with more "
      "words, so that stopping early is easy to tell apart from finishing.");
  const auto full = testing::synthesize(engine, "espeak:en-us", text);

  const auto request = testing::make_request(text, "espeak:en-us", "en", 1.0f);
  CancelToken cancel;
  std::size_t received = 0;
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();
  engine.synthesize(request, [&](std::span<const float> pcm) {
    received += pcm.size();
    return ++calls < 2;
  }, cancel);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(calls, 2);
  EXPECT_LT(received, full.samples.size() / 4);
  EXPECT_LT(elapsed, std::chrono::seconds(2));

  // The next call starts from scratch: nothing of the abandoned text is spoken after it.
  const auto after = testing::synthesize(engine, "espeak:en-us", text);
  EXPECT_LT(relative_difference(after.samples.size(), full.samples.size()), kLengthJitter);
}

TEST(EspeakSynthesisTest, CancelTokenStopsSynthesis) {
  auto& engine = shared_engine();
  const auto request = testing::make_request(kSentences[0].text, "espeak:en-us", "en", 1.0f);
  CancelToken cancel;
  int calls = 0;
  engine.synthesize(request, [&](std::span<const float>) {
    if (++calls == 1) cancel.cancel();
    return true;
  }, cancel);
  EXPECT_EQ(calls, 1);

  CancelToken already;
  already.cancel();
  engine.synthesize(request, [&](std::span<const float>) {
    ADD_FAILURE() << "sink called after cancellation";
    return true;
  }, already);
}

TEST(EspeakSynthesisTest, SinkExceptionPropagatesAndEngineRecovers) {
  auto& engine = shared_engine();
  const auto request = testing::make_request(kSentences[0].text, "espeak:en-us", "en", 1.0f);
  CancelToken cancel;
  EXPECT_THROW(engine.synthesize(request, [](std::span<const float>) -> bool {
    throw std::runtime_error("client went away");
  }, cancel), std::runtime_error);
  EXPECT_GT(rms(testing::synthesize(engine, "espeak:en-us", "Still working.").samples), 0.02);
}

TEST(EspeakSynthesisTest, UnknownVoiceThrowsAndLanguageAloneWorks) {
  auto& engine = shared_engine();
  CancelToken cancel;
  const PcmSink ignore = [](std::span<const float>) { return true; };
  EXPECT_THROW(engine.synthesize(testing::make_request("hello", "espeak:xx", "en"), ignore, cancel), EngineError);
  EXPECT_THROW(engine.synthesize(testing::make_request("hello", "espeak:en+f99", "en"), ignore, cancel), EngineError);
  std::size_t samples = 0;
  engine.synthesize(testing::make_request("Guten Tag.", "", "de"), [&](std::span<const float> pcm) {
    samples += pcm.size();
    return true;
  }, cancel);
  EXPECT_GT(samples, 0u);
}

TEST(EspeakSynthesisTest, RejectsSpeakerReferences) {
  auto request = testing::make_request("hello", "espeak:en-us");
  request.speaker = std::make_shared<const SpeakerReference>();
  CancelToken cancel;
  EXPECT_THROW(shared_engine().synthesize(request, [](std::span<const float>) { return true; }, cancel),
               EngineError);
}

TEST(EspeakSynthesisTest, ConcurrentCallersGetTheirOwnAudio) {
  auto& engine = shared_engine();
  const Sample* picks[] = {&kSentences[0], &kSentences[2], &kSentences[8], &kSentences[12]};
  std::vector<std::size_t> expected;
  for (const Sample* pick : picks) {
    expected.push_back(
        testing::synthesize(engine, voice_id_for(pick->language), pick->text).samples.size());
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const std::string voice = voice_id_for(picks[t]->language);
      for (int round = 0; round < 3; ++round) {
        const float speed = round == 1 ? 1.5f : 1.0f;  // a different rate in between must not leak
        const auto got = testing::synthesize(engine, voice, picks[t]->text, speed);
        const bool speaks = rms(got.samples) > 0.02;
        if (!speaks || (speed == 1.0f && relative_difference(got.samples.size(), expected[t]) > kLengthJitter)) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace chorus
