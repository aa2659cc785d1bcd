// XttsEngine against the stand-in server: voices, streaming, languages and cloned voices.
#include "engines/xtts/xtts_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/api_error.h"
#include "text/utf8.h"
#include "xtts_engine_test_support.h"

namespace chorus::xtts {
namespace {

using namespace chorus::xtts::testing;
using ::testing::Contains;

class XttsEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    standin_ = new StandIn();
    engine_ = new XttsEngine(config_for({standin_->url()}));
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete standin_;
  }
  // Texts the stand-in received for /tts and /tts_stream since `from`.
  static std::vector<std::string> texts_since(std::size_t from) {
    auto all = standin_->stats()["texts"].get<std::vector<std::string>>();
    return {all.begin() + static_cast<std::ptrdiff_t>(from), all.end()};
  }
  static std::size_t text_count() { return standin_->stats()["texts"].size(); }

  static StandIn* standin_;
  static XttsEngine* engine_;
};
StandIn* XttsEngineTest::standin_ = nullptr;
XttsEngine* XttsEngineTest::engine_ = nullptr;

int zero_crossings(const std::vector<float>& samples) {
  int crossings = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if ((samples[i - 1] < 0) != (samples[i] < 0)) ++crossings;
  }
  return crossings;
}

TEST_F(XttsEngineTest, InfoDescribesTheService) {
  const EngineInfo& info = engine_->info();
  EXPECT_EQ(info.name, "xtts");
  EXPECT_EQ(info.sample_rate, 24000);
  EXPECT_TRUE(info.can_clone);
  EXPECT_TRUE(info.streams);
  EXPECT_EQ(info.min_speed, 1.0f);
  EXPECT_EQ(info.max_speed, 1.0f);
  EXPECT_EQ(info.max_concurrency, 1);
  EXPECT_EQ(info.max_chunk_chars, 250u);
  EXPECT_THAT(info.model_version, ::testing::StartsWith("xtts-v2@"));
  EXPECT_EQ(info.languages.size(), 18u);
  EXPECT_THAT(info.languages, Contains("zh"));
  EXPECT_THAT(info.languages, Contains("zh-cn"));
  EXPECT_THAT(info.languages, Contains("hi"));
  EXPECT_TRUE(engine_->healthy());
  EXPECT_EQ(engine_->max_chunk_chars_for("ja"), 71u);
  EXPECT_EQ(engine_->max_chunk_chars_for("zh"), 82u);
  EXPECT_EQ(engine_->max_chunk_chars_for("en-us"), 250u);
}

TEST_F(XttsEngineTest, StudioSpeakersAreLanguageNeutralVoices) {
  auto voices = engine_->voices();
  ASSERT_EQ(voices.size(), 4u);
  for (const auto& voice : voices) {
    EXPECT_EQ(voice.engine, "xtts");
    EXPECT_EQ(voice.id, "xtts:" + voice.name);
    EXPECT_TRUE(voice.language.empty()) << voice.id;
  }
  auto found = engine_->find_voice("xtts:ana florence");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "xtts:Ana Florence");
  EXPECT_FALSE(engine_->find_voice("Ana Florence"));
  EXPECT_FALSE(engine_->find_voice("xtts:Nobody"));
  EXPECT_FALSE(engine_->find_voice("voice_0123"));
}

TEST_F(XttsEngineTest, OpenAiNamesMapToStudioSpeakers) {
  EXPECT_EQ(engine_->voice_for_alias("alloy", "en")->id, "xtts:Claribel Dervla");
  EXPECT_EQ(engine_->voice_for_alias("nova", "fr")->id, "xtts:Ana Florence");
  EXPECT_EQ(engine_->voice_for_alias("ash", "zh")->id, "xtts:Andrew Chipper");
  auto echo = engine_->voice_for_alias("echo", "de");  // not in the stand-in: a stable pick
  ASSERT_TRUE(echo);
  EXPECT_EQ(engine_->voice_for_alias("echo", "de")->id, echo->id);
  EXPECT_FALSE(engine_->voice_for_alias("alloy", "sv"));  // not an XTTS language
}

TEST_F(XttsEngineTest, StreamsStudioSpeakerAudioAsItArrives) {
  Collector out;
  CancelToken cancel;
  engine_->synthesize(request("Hello there, how are you?", "xtts:Ana Florence"), out.sink(), cancel);
  const std::size_t expected = 25 * kSamplesPerChar;  // 0.5 s: five 2400-sample pieces
  EXPECT_EQ(out.samples.size(), expected);
  EXPECT_GE(out.calls, 5);
  float peak = 0;
  for (float s : out.samples) peak = std::max(peak, std::abs(s));
  EXPECT_NEAR(peak, 0.3f, 0.01f);
  // Ana Florence's latents give a 300 Hz tone in the stand-in: ~2 crossings per period.
  EXPECT_NEAR(zero_crossings(out.samples), 2 * 300 * 0.5, 4);
}

TEST_F(XttsEngineTest, SamplesSplitAcrossOddNetworkChunksDecodeIdentically) {
  StandIn odd({"--odd-chunks"});
  XttsEngine odd_engine(config_for({odd.url()}));
  Collector normal, split;
  CancelToken cancel;
  engine_->synthesize(request("Odd chunk test.", "xtts:Viktor Eka"), normal.sink(), cancel);
  odd_engine.synthesize(request("Odd chunk test.", "xtts:Viktor Eka"), split.sink(), cancel);
  EXPECT_EQ(split.samples.size(), 15 * kSamplesPerChar);
  EXPECT_EQ(split.samples, normal.samples);
  EXPECT_GT(split.calls, normal.calls);
}

TEST_F(XttsEngineTest, LongTextIsSplitAtTheLanguageLimit) {
  std::string english;
  for (int i = 0; i < 14; ++i) english += "Streaming speech arrives one sentence at a time. ";
  std::string japanese;
  for (int i = 0; i < 8; ++i) japanese += "今日はとても良い天気ですね、散歩に行きましょう。";
  for (const auto& [text, language, limit] :
       std::vector<std::tuple<std::string, std::string, std::size_t>>{
           {english, "en", 250}, {japanese, "ja", 71}}) {
    const std::size_t before = text_count();
    Collector out;
    CancelToken cancel;
    ASSERT_NO_THROW(engine_->synthesize(request(text, "xtts:Ana Florence", language), out.sink(),
                                        cancel));
    auto sent = texts_since(before);
    ASSERT_GE(sent.size(), 2u) << language;
    std::size_t chars = 0;
    for (const auto& piece : sent) {
      EXPECT_LE(utf8_length(piece), limit) << language;
      chars += utf8_length(piece);
    }
    EXPECT_EQ(out.samples.size(), chars * kSamplesPerChar) << language;
  }
}

TEST_F(XttsEngineTest, ChineseIsSentAsZhCn) {
  Collector out;
  CancelToken cancel;
  engine_->synthesize(request("你好，世界。", "xtts:Ana Florence", "zh"), out.sink(), cancel);
  EXPECT_EQ(out.samples.size(), 6 * kSamplesPerChar);
  EXPECT_EQ(standin_->stats()["languages"].back(), "zh-cn");
  engine_->synthesize(request("Olá a todos.", "xtts:Ana Florence", "pt-br"), out.sink(), cancel);
  EXPECT_EQ(standin_->stats()["languages"].back(), "pt");
}

TEST_F(XttsEngineTest, RejectsUnknownLanguagesAndVoices) {
  Collector out;
  CancelToken cancel;
  EXPECT_THROW(engine_->synthesize(request("Hej.", "xtts:Ana Florence", "sv"), out.sink(), cancel),
               EngineError);
  EXPECT_THROW(engine_->synthesize(request("Hello.", "xtts:Nobody"), out.sink(), cancel),
               EngineError);
}

TEST_F(XttsEngineTest, ClonedVoiceLatentsAreComputedOnceAcrossRequests) {
  MemoryVoiceStore store;
  auto voice = store.voice("voice_once");
  const int clones_before = standin_->count("clone_speaker");
  auto speak = [&](const std::string& text) {
    SynthesisRequest req = request(text, "voice_once", "es");
    req.speaker = voice;
    Collector out;
    CancelToken cancel;
    engine_->synthesize(req, out.sink(), cancel);
    return out.samples.size();
  };
  for (int i = 0; i < 4; ++i) EXPECT_EQ(speak("Hola, amigo."), 12 * kSamplesPerChar);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back([&] { speak("Buenos días."); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(standin_->count("clone_speaker") - clones_before, 1);
  EXPECT_EQ(store.stores.load(), 1);
  // The reference went up as a 3 s WAV.
  auto clone_audio = standin_->stats()["clone_audio"].back();
  EXPECT_NEAR(clone_audio[1].get<double>(), 3.0, 0.01);

  // A restarted engine (same endpoint, same model version) finds the stored latents.
  XttsEngine restarted(config_for({standin_->url()}));
  EXPECT_EQ(restarted.info().model_version, engine_->info().model_version);
  SynthesisRequest req = request("Otra vez.", "voice_once", "es");
  req.speaker = voice;
  Collector out;
  CancelToken cancel;
  restarted.synthesize(req, out.sink(), cancel);
  EXPECT_EQ(out.samples.size(), 9 * kSamplesPerChar);
  EXPECT_EQ(standin_->count("clone_speaker") - clones_before, 1);
}

TEST_F(XttsEngineTest, ConcurrentFirstRequestsForANewVoiceCloneOnce) {
  MemoryVoiceStore store;
  auto voice = store.voice("voice_race", 330.0f);
  const int clones_before = standin_->count("clone_speaker");
  const auto computed_before = engine_->latents_cache().computed();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      SynthesisRequest req = request("Race.", "voice_race");
      req.speaker = voice;
      Collector out;
      CancelToken cancel;
      engine_->synthesize(req, out.sink(), cancel);
      EXPECT_EQ(out.samples.size(), 5 * kSamplesPerChar);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(standin_->count("clone_speaker") - clones_before, 1);
  EXPECT_EQ(engine_->latents_cache().computed() - computed_before, 1u);
}

}  // namespace
}  // namespace chorus::xtts
