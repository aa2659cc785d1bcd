// KokoroEngine's text stage (prepare) and concurrent requests on one session.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/api_error.h"
#include "engines/kokoro/kokoro_engine.h"
#include "engines/kokoro/kokoro_model_files.h"
#include "kokoro_test_fixtures.h"

namespace chorus::kokoro {
namespace {

using testing::decode;
using testing::fixture_style;
using testing::variant_dir;
using testing::voice_number;

// The stand-in "G2P" returns the text as its own phonemes and counts its calls.
struct CountingIpa {
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  std::string operator()(std::string_view text, const std::string&) const {
    ++*calls;
    return std::string(text);
  }
};

std::unique_ptr<KokoroEngine> engine_with(const CountingIpa& ipa, int intra_op_threads) {
  const auto files = find_kokoro_files(variant_dir("taylorchu"));
  EXPECT_TRUE(files);
  if (!files) return nullptr;
  KokoroConfig config;
  config.model_path = files->model;
  config.voices_path = files->voices;
  config.intra_op_threads = intra_op_threads;
  return std::make_unique<KokoroEngine>(config, ipa);
}

SynthesisRequest request_for(const std::string& text, const std::string& voice) {
  SynthesisRequest request;
  request.text = text;
  request.voice_id = voice;
  request.language = "en-us";
  return request;
}

std::vector<float> synthesize(KokoroEngine& engine, const SynthesisRequest& request) {
  std::vector<float> pcm;
  CancelToken cancel;
  engine.synthesize(request, [&](std::span<const float> s) {
    pcm.insert(pcm.end(), s.begin(), s.end());
    return true;
  }, cancel);
  return pcm;
}

TEST(KokoroTextStage, PreparedChunkSkipsG2pAndSoundsTheSame) {
  CountingIpa ipa;
  auto engine = engine_with(ipa, 1);
  ASSERT_TRUE(engine);
  EXPECT_TRUE(engine->info().prepares_ahead);
  SynthesisRequest request = request_for("abc, d. ef!", "af_sky");
  const std::vector<float> sequential = synthesize(*engine, request);
  const int per_chunk = ipa.calls->load();
  ASSERT_GT(per_chunk, 0);

  request.prepared = engine->prepare(request);
  ASSERT_TRUE(request.prepared);
  EXPECT_EQ(ipa.calls->load(), 2 * per_chunk);
  const std::vector<float> prepared = synthesize(*engine, request);
  EXPECT_EQ(ipa.calls->load(), 2 * per_chunk) << "synthesize() phonemized a prepared chunk again";
  EXPECT_EQ(prepared, sequential);
  // The English tables rewrite "e", so only the untouched head is spelled out here.
  const auto tokens = decode(prepared).tokens;
  ASSERT_EQ(tokens.size(), 13u);
  EXPECT_EQ(std::vector<std::int64_t>(tokens.begin(), tokens.begin() + 8),
            (std::vector<std::int64_t>{0, 43, 44, 45, 3, 16, 46, 4}));
}

TEST(KokoroTextStage, PreparationOfAnotherChunkIsNotUsed) {
  CountingIpa ipa;
  auto engine = engine_with(ipa, 1);
  ASSERT_TRUE(engine);
  SynthesisRequest other = request_for("xyz.", "af_sky");
  SynthesisRequest request = request_for("abc.", "af_sky");
  request.prepared = engine->prepare(other);
  EXPECT_EQ(decode(synthesize(*engine, request)).tokens, (std::vector<std::int64_t>{0, 43, 44, 45, 4, 0}));
}

TEST(KokoroTextStage, PrepareFailsLikeSynthesize) {
  CountingIpa ipa;
  auto engine = engine_with(ipa, 1);
  ASSERT_TRUE(engine);
  EXPECT_FALSE(engine->prepare(request_for("  \n", "af_sky")));
  EXPECT_THROW(engine->prepare(request_for("abc.", "af_nope")), EngineError);
  SynthesisRequest japanese = request_for("abc.", "jf_alpha");
  japanese.language = "ja";
  EXPECT_THROW(engine->prepare(japanese), EngineError);
}

// Default thread count (all cores): two requests at once share the session's intra-op pool and
// each gets its own tokens, style row and speed back.
TEST(KokoroTextStage, ConcurrentRequestsBothCompleteWithTheirOwnOutput) {
  CountingIpa ipa;
  auto engine = engine_with(ipa, 0);
  ASSERT_TRUE(engine);
  struct Case {
    std::string text, voice;
    float speed;
  };
  const Case cases[2] = {{"abc, d. ef!", "af_sky", 1.0f}, {"ðə kwˈɪk bɹˈWn fˈɑks.", "bm_george", 1.5f}};
  std::vector<float> alone[2];
  for (int i = 0; i < 2; ++i) {
    SynthesisRequest request = request_for(cases[i].text, cases[i].voice);
    request.speed = cases[i].speed;
    alone[i] = synthesize(*engine, request);
    const auto d = decode(alone[i]);
    EXPECT_FLOAT_EQ(d.speed, cases[i].speed);
    EXPECT_EQ(d.style0, fixture_style(voice_number(cases[i].voice), static_cast<int>(d.tokens.size()) - 3, 0));
  }
  ASSERT_NE(alone[0], alone[1]);
  std::atomic<int> failures{0};
  auto worker = [&](int which) {
    SynthesisRequest request = request_for(cases[which].text, cases[which].voice);
    request.speed = cases[which].speed;
    for (int i = 0; i < 20; ++i) {
      if (synthesize(*engine, request) != alone[which]) ++failures;
    }
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace chorus::kokoro
