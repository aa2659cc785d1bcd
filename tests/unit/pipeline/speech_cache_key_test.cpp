#include "pipeline/speech_cache_key.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace chorus {
namespace {

// A test double: only its info() matters to the key.
class InfoOnlyEngine : public Engine {
 public:
  InfoOnlyEngine(std::string name, std::string model_version) {
    info_.name = std::move(name);
    info_.model_version = std::move(model_version);
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override {
    return std::nullopt;
  }
  void synthesize(const SynthesisRequest&, const PcmSink&, const CancelToken&) override {}

 private:
  EngineInfo info_;
};

SpeechPlan base_plan() {
  SpeechPlan plan;
  plan.engine = std::make_shared<InfoOnlyEngine>("espeak", "espeak-ng 1.51");
  plan.voice.id = "espeak:en-us";
  plan.language = "en";
  plan.chunks = {{"Hello there.", 0.0}, {"How are you?", 0.6}};
  plan.format = AudioFormat::kMp3;
  return plan;
}

std::string key_of(const SpeechPlan& plan, const std::string& instructions = "",
                   bool streaming_container = true) {
  return speech_cache_key(plan, instructions, streaming_container);
}

TEST(SpeechCacheKey, SamePlanSameKey) {
  EXPECT_EQ(key_of(base_plan()), key_of(base_plan()));
  EXPECT_EQ(key_of(base_plan()).size(), 64u);  // SHA-256 hex: safe as a file name
  // What does not change the audio does not change the key.
  SpeechPlan plan = base_plan();
  plan.fallback_reason = "kokoro: unhealthy";
  plan.admission = std::make_shared<int>(1);
  EXPECT_EQ(key_of(plan), key_of(base_plan()));
}

TEST(SpeechCacheKey, EverythingThatChangesTheAudioChangesTheKey) {
  const std::string base = key_of(base_plan());
  std::vector<std::function<void(SpeechPlan&)>> changes{
      [](SpeechPlan& p) { p.engine = std::make_shared<InfoOnlyEngine>("kokoro", "espeak-ng 1.51"); },
      [](SpeechPlan& p) { p.engine = std::make_shared<InfoOnlyEngine>("espeak", "espeak-ng 1.52"); },
      [](SpeechPlan& p) { p.voice.id = "espeak:en-us+f2"; },
      [](SpeechPlan& p) { p.language = "en-gb"; },
      [](SpeechPlan& p) { p.engine_speed = 1.25f; },
      [](SpeechPlan& p) { p.tempo = 1.1; },
      [](SpeechPlan& p) { p.chunks[1].text = "How are you!"; },
      [](SpeechPlan& p) { p.chunks[1].pause_after_seconds = 0.0; },
      [](SpeechPlan& p) { p.chunks.pop_back(); },
      [](SpeechPlan& p) { p.format = AudioFormat::kOpus; },
      [](SpeechPlan& p) { p.clone_method = "voice-match"; },
      [](SpeechPlan& p) {
        auto speaker = std::make_shared<SpeakerReference>();
        speaker->voice_id = "voice_abc";
        p.speaker = speaker;
      },
      [](SpeechPlan& p) {
        auto match = std::make_shared<audio::VoiceMatchProfile>();
        match->pitch_scale = 1.2;
        p.match = match;
      },
  };
  for (std::size_t i = 0; i < changes.size(); ++i) {
    SpeechPlan plan = base_plan();
    changes[i](plan);
    EXPECT_NE(key_of(plan), base) << "change " << i;
  }
  EXPECT_NE(key_of(base_plan(), "Speak softly."), base);
  EXPECT_NE(key_of(base_plan(), "", false), base);
}

TEST(SpeechCacheKey, ChunkBoundariesMatter) {
  SpeechPlan joined = base_plan();
  joined.chunks = {{"Hello there. How are you?", 0.6}};
  EXPECT_NE(key_of(joined), key_of(base_plan()));
}

}  // namespace
}  // namespace chorus
