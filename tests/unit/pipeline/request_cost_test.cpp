// The bounds on one request's cost: the text after expansion and the audio produced. Each bound
// is checked before synthesis (plan) and, for the audio, exactly as samples are produced (stream).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/api_error.h"
#include "pipeline/speech_stream.h"
#include "router/router.h"
#include "stream_test_support.h"

namespace chorus {
namespace {

// One second of silence per chunk, whatever the text.
class SecondPerChunkEngine : public Engine {
 public:
  SecondPerChunkEngine() {
    info_.name = "second";
    info_.sample_rate = 24000;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override {
    return std::nullopt;
  }
  void synthesize(const SynthesisRequest&, const PcmSink& sink, const CancelToken&) override {
    std::vector<float> tenth(2400, 0.0f);
    for (int i = 0; i < 10; ++i) {
      if (!sink(tenth)) return;
    }
  }

 private:
  EngineInfo info_;
};

SpeechPlan plan_of(std::vector<TextChunk> chunks) {
  SpeechPlan plan;
  plan.engine = std::make_shared<SecondPerChunkEngine>();
  plan.voice.id = "v";
  plan.language = "en";
  plan.format = AudioFormat::kPcm;
  plan.chunks = std::move(chunks);
  return plan;
}

int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.status();
  }
  return 0;
}

TEST(RequestCost, NormalizedTextOverTheLimitIs413) {
  RouterConfig config;
  config.max_normalized_chars = 100;
  SpeechPlan fits = plan_of({TextChunk{std::string(60, 'a'), 0}, TextChunk{std::string(40, 'b'), 0}});
  EXPECT_NO_THROW(check_request_cost(fits, 1.0, config));
  SpeechPlan over = plan_of({TextChunk{std::string(60, 'a'), 0}, TextChunk{std::string(41, 'b'), 0}});
  try {
    check_request_cost(over, 1.0, config);
    FAIL() << "no error";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 413);
    EXPECT_EQ(error.code(), "normalized_input_too_long");
    EXPECT_EQ(error.param(), "input");
  }
}

TEST(RequestCost, CountsCharactersNotBytes) {
  RouterConfig config;
  config.max_normalized_chars = 10;
  std::string ten_accented;
  for (int i = 0; i < 10; ++i) ten_accented += "\xc3\xa9";  // é, two bytes each
  EXPECT_NO_THROW(check_request_cost(plan_of({TextChunk{ten_accented, 0}}), 1.0, config));
}

TEST(RequestCost, AudioSurelyOverTheLimitIsRefusedBeforeSynthesis) {
  RouterConfig config;
  config.max_audio_seconds = 60;
  // 900 characters at the fastest plausible rate (30/s) is 30 s; at speed 0.25 it is 120 s.
  SpeechPlan plan = plan_of({TextChunk{std::string(900, 'a'), 0}});
  EXPECT_NO_THROW(check_request_cost(plan, 1.0, config));
  EXPECT_EQ(status_of([&] { check_request_cost(plan, 0.25, config); }), 413);
  // Pauses count too: SSML breaks make audio without text.
  SpeechPlan pauses = plan_of({TextChunk{"a", 40}, TextChunk{"b", 40}});
  EXPECT_EQ(status_of([&] { check_request_cost(pauses, 1.0, config); }), 413);
}

TEST(RequestCost, StreamStopsAtTheAudioLimit) {
  SpeechPlan plan = plan_of({TextChunk{"one", 0}, TextChunk{"two", 0}, TextChunk{"three", 0}});
  plan.max_audio_seconds = 2.5;
  SpeechStream stream(std::move(plan));
  EXPECT_EQ(status_of([&] { test::drain(stream); }), 413);
  EXPECT_FALSE(stream.completed());
  EXPECT_LE(stream.audio_seconds(), 2.5);
}

TEST(RequestCost, StreamWithinTheLimitCompletes) {
  SpeechPlan plan = plan_of({TextChunk{"one", 0}, TextChunk{"two", 0}});
  plan.max_audio_seconds = 2.5;
  SpeechStream stream(std::move(plan));
  std::string pcm = test::drain(stream);
  EXPECT_TRUE(stream.completed());
  EXPECT_EQ(pcm.size(), 2u * 24000 * 2);  // two seconds of s16 at 24 kHz
}

}  // namespace
}  // namespace chorus
