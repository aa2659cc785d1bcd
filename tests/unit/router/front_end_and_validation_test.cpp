// The speech request check shared by HTTP, CLI and warm-up, and the text front-end run once per
// language and chunk limit across a request's fallback candidates.
#include <gtest/gtest.h>

#include "core/api_error.h"
#include "router/router.h"
#include "router/speech_request_validation.h"

namespace chorus {
namespace {

class SilentEngine : public Engine {
 public:
  SilentEngine(std::string name, std::size_t max_chunk_chars) {
    info_.name = std::move(name);
    info_.languages = {"en"};
    info_.max_chunk_chars = max_chunk_chars;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias, std::string_view language) const override {
    return VoiceInfo{info_.name + ":" + std::string(alias), "x", info_.name, std::string(language), ""};
  }
  void synthesize(const SynthesisRequest&, const PcmSink&, const CancelToken&) override {}

 private:
  EngineInfo info_;
};

Router router_with(std::vector<std::pair<std::string, std::size_t>> engines) {
  EngineRegistry registry;
  for (auto& [name, limit] : engines) registry.add(std::make_shared<SilentEngine>(name, limit));
  return Router(std::move(registry), RouterConfig{});
}

SpeechRequest request_of(std::string text) {
  SpeechRequest request;
  request.input = std::move(text);
  request.language = "en";
  return request;
}

TEST(FrontEndMemo, SameLanguageAndLimitAnalysedOnce) {
  Router router = router_with({{"a", 300}, {"b", 300}, {"c", 120}});
  SpeechRequest request = request_of("It costs $5. Then we go home, and the day ends quietly.");
  auto candidates = router.route(request);
  ASSERT_EQ(candidates.size(), 3u);
  FrontEndMemo memo;
  SpeechPlan a = router.plan_for(request, candidates[0], &memo);
  SpeechPlan b = router.plan_for(request, candidates[1], &memo);
  EXPECT_EQ(memo.runs(), 1u);  // a and b share language and limit
  router.plan_for(request, candidates[2], &memo);
  EXPECT_EQ(memo.runs(), 2u);  // c's smaller limit chunks differently
  ASSERT_EQ(a.chunks.size(), b.chunks.size());
  for (std::size_t i = 0; i < a.chunks.size(); ++i) EXPECT_EQ(a.chunks[i].text, b.chunks[i].text);
  EXPECT_NE(a.chunks[0].text.find("five dollars"), std::string::npos) << a.chunks[0].text;
}

std::string param_of(const SpeechRequest& request, std::size_t max_chars = 4096,
                     InputCheck input = InputCheck::kNow) {
  try {
    validate(request, max_chars, input);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    return e.param();
  }
  return "ok";
}

TEST(ValidateSpeechRequest, SharedBounds) {
  SpeechRequest request = request_of("Hello.");
  EXPECT_EQ(param_of(request), "ok");
  request.speed = 0.25;
  EXPECT_EQ(param_of(request), "ok");
  request.speed = 4.0;
  EXPECT_EQ(param_of(request), "ok");
  request.speed = 0.2;
  EXPECT_EQ(param_of(request), "speed");
  request.speed = 4.01;
  EXPECT_EQ(param_of(request), "speed");
  request.speed = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(param_of(request), "speed");
}

TEST(ValidateSpeechRequest, InputVoiceLanguage) {
  SpeechRequest request = request_of("  ");
  EXPECT_EQ(param_of(request), "input");
  EXPECT_EQ(param_of(request, 4096, InputCheck::kLater), "ok");  // text read later (CLI)
  request.input = "abcdef";
  EXPECT_EQ(param_of(request, 5), "input");
  EXPECT_EQ(param_of(request, 0), "ok");  // 0 = no limit
  request.voice.clear();
  EXPECT_EQ(param_of(request), "voice");
  request.voice = "alloy";
  request.language = "EN_us";  // not normalized
  EXPECT_EQ(param_of(request), "language");
}

}  // namespace
}  // namespace chorus
