// The text stage one chunk ahead: prepare() of chunk k+1 overlaps synthesize() of chunk k, the
// audio is byte for byte what the sequential path gives, errors surface at the same chunk, and
// cancellation or an early end never leaves a thread behind.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/api_error.h"
#include "pipeline/chunk_preparer.h"
#include "pipeline/speech_stream.h"
#include "stream_test_support.h"

namespace chorus {
namespace {

using namespace std::chrono_literals;

struct ScriptPrepared : PreparedChunk {
  std::vector<float> samples;
};

// A "G2P" that is a pure function of the text, so prepared and unprepared chunks must sound alike.
std::vector<float> script(const std::string& text) {
  std::vector<float> out;
  for (unsigned char c : text) out.push_back(static_cast<float>(c) / 512.0f);
  return out;
}

// Test double with a text stage. Records the order of events; synthesize(k) waits (bounded) for
// prepare(k+1) to start, which only happens when the stages run concurrently.
class StagedEngine : public Engine {
 public:
  explicit StagedEngine(bool prepares_ahead, std::string fail_prepare_on = {}, int chunks = 4)
      : fail_prepare_on_(std::move(fail_prepare_on)), chunks_(chunks) {
    info_.name = "staged";
    info_.sample_rate = 24000;
    info_.prepares_ahead = prepares_ahead;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override { return std::nullopt; }

  std::shared_ptr<const PreparedChunk> prepare(const SynthesisRequest& request) const override {
    {
      std::lock_guard lock(mutex_);
      events_.push_back("prepare " + request.text);
      ++prepares_started_;
    }
    changed_.notify_all();
    if (request.text == fail_prepare_on_) throw EngineError("cannot phonemize " + request.text);
    auto prepared = std::make_shared<ScriptPrepared>();
    prepared->samples = script(request.text);
    return prepared;
  }

  void synthesize(const SynthesisRequest& request, const PcmSink& sink,
                  const CancelToken& cancel) override {
    const auto* prepared = dynamic_cast<const ScriptPrepared*>(request.prepared.get());
    if (!prepared && request.text == fail_prepare_on_) throw EngineError("cannot phonemize " + request.text);
    const std::vector<float> samples = prepared ? prepared->samples : script(request.text);
    std::unique_lock lock(mutex_);
    events_.push_back(std::string(prepared ? "run prepared " : "run ") + request.text);
    const int chunk = synthesized_++;
    // Overlap: the next chunk's prepare starts while this one is "running the model".
    if (info_.prepares_ahead && chunk + 1 < chunks_ && changed_.wait_for(lock, 2s, [&] { return prepares_started_ > chunk + 1; })) ++overlaps_;
    lock.unlock();
    sink(samples);
    // A model run that lasts until the stream is cancelled (bounded, so a bug cannot hang ctest).
    if (hold_from_ >= 0 && chunk >= hold_from_) {
      for (int i = 0; i < 10000 && !cancel.cancelled(); ++i) std::this_thread::sleep_for(1ms);
    }
  }

  // From this chunk on, synthesize() returns only once the request is cancelled.
  void hold_until_cancelled_from(int chunk) { hold_from_ = chunk; }

  std::vector<std::string> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  int overlaps() const {
    std::lock_guard lock(mutex_);
    return overlaps_;
  }
  int prepares_started() const {
    std::lock_guard lock(mutex_);
    return prepares_started_;
  }

 private:
  EngineInfo info_;
  std::string fail_prepare_on_;
  int chunks_;  // chunks in the request: the last one has no next chunk to wait for
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  mutable std::vector<std::string> events_;
  mutable int prepares_started_ = 0;
  int synthesized_ = 0;
  int overlaps_ = 0;
  int hold_from_ = -1;
};

const std::vector<std::string> kPreparedChunks = {"First clause,", "then a longer second sentence.", "A third one!",
                                          "And the last."};

SpeechPlan plan_for(std::shared_ptr<Engine> engine, const std::vector<std::string>& texts) {
  SpeechPlan plan;
  plan.engine = std::move(engine);
  plan.voice.id = "v";
  plan.language = "en";
  plan.format = AudioFormat::kPcm;
  for (const auto& text : texts) plan.chunks.push_back(TextChunk{text, 0});
  return plan;
}

TEST(ChunkPreparer, NextChunkIsPreparedWhileThisOneSynthesizes) {
  auto engine = std::make_shared<StagedEngine>(true);
  SpeechStream stream(plan_for(engine, kPreparedChunks));
  const std::string audio = test::drain(stream);
  EXPECT_FALSE(audio.empty());
  // Every chunk but the last saw the next chunk's prepare start during its synthesize().
  EXPECT_EQ(engine->overlaps(), static_cast<int>(kPreparedChunks.size()) - 1);
  const auto events = engine->events();
  ASSERT_EQ(events.size(), 2 * kPreparedChunks.size());
  // Order kept: chunk k is prepared before it runs, runs in text order, all prepared.
  std::vector<std::string> runs;
  for (const auto& e : events) {
    if (e.rfind("run", 0) == 0) runs.push_back(e);
  }
  for (std::size_t i = 0; i < kPreparedChunks.size(); ++i) EXPECT_EQ(runs[i], "run prepared " + kPreparedChunks[i]);
  EXPECT_EQ(events[0], "prepare " + kPreparedChunks[0]);
}

TEST(ChunkPreparer, AudioIsIdenticalToTheSequentialPath) {
  auto staged = std::make_shared<StagedEngine>(true);
  auto sequential = std::make_shared<StagedEngine>(false);
  SpeechStream a(plan_for(staged, kPreparedChunks));
  SpeechStream b(plan_for(sequential, kPreparedChunks));
  const std::string with_stage = test::drain(a);
  const std::string without = test::drain(b);
  EXPECT_EQ(with_stage, without);
  EXPECT_EQ(sequential->prepares_started(), 0);  // no text stage: no preparer thread at all
  EXPECT_EQ(sequential->overlaps(), 0);
  EXPECT_EQ(with_stage.size(), [] {
    std::size_t n = 0;
    for (const auto& t : kPreparedChunks) n += 2 * t.size();  // s16 mono
    return n;
  }());
}

TEST(ChunkPreparer, PrepareErrorSurfacesAtItsChunkAfterTheEarlierAudio) {
  auto engine = std::make_shared<StagedEngine>(true, kPreparedChunks[2]);
  SpeechStream stream(plan_for(engine, kPreparedChunks));
  std::string all, bytes;
  EXPECT_THROW(
      {
        while (stream.next(bytes)) all += bytes;
      },
      EngineError);
  EXPECT_EQ(all.size(), 2 * (kPreparedChunks[0].size() + kPreparedChunks[1].size()));
  for (const auto& e : engine->events()) EXPECT_NE(e, "prepare " + kPreparedChunks[3]) << "ran past the failed chunk";
}

TEST(ChunkPreparer, NeverMoreThanOneChunkAhead) {
  StagedEngine engine(true);
  std::vector<SynthesisRequest> requests;
  for (const auto& text : kPreparedChunks) requests.push_back(SynthesisRequest{text, "v", "en", 1.0f, nullptr, {}, nullptr});
  CancelToken cancel;
  {
    ChunkPreparer preparer(engine, requests, cancel);
    const SynthesisRequest first = preparer.take(0);
    ASSERT_TRUE(first.prepared);
    EXPECT_EQ(first.text, kPreparedChunks[0]);
    std::this_thread::sleep_for(100ms);
    EXPECT_LE(engine.prepares_started(), 2);
    EXPECT_THROW(preparer.take(2), std::logic_error);
  }  // destroyed while its thread waits for take(1): must join, not hang
  EXPECT_LE(engine.prepares_started(), 2);
}

TEST(ChunkPreparer, CancelledRequestComesBackUnpreparedInsteadOfBlocking) {
  StagedEngine engine(true);
  std::vector<SynthesisRequest> requests;
  for (const auto& text : kPreparedChunks) requests.push_back(SynthesisRequest{text, "v", "en", 1.0f, nullptr, {}, nullptr});
  CancelToken cancel;
  ChunkPreparer preparer(engine, requests, cancel);
  EXPECT_TRUE(preparer.take(0).prepared);
  EXPECT_TRUE(preparer.take(1).prepared);  // prepared while chunk 0 was out
  cancel.cancel();
  const SynthesisRequest third = preparer.take(2);  // must not wait forever
  EXPECT_EQ(third.text, kPreparedChunks[2]);
}

TEST(ChunkPreparer, StreamCancelledMidwayStopsBothThreads) {
  auto engine = std::make_shared<StagedEngine>(true, "", 50);
  engine->hold_until_cancelled_from(1);
  std::vector<std::string> many(50, "a chunk of text.");
  {
    SpeechStream stream(plan_for(engine, many));
    std::string bytes;
    ASSERT_TRUE(stream.next(bytes));
    stream.cancel();
  }  // joins producer and preparer
  // Chunk 0, chunk 1 and the one prepared ahead while chunk 1 ran; nothing after the cancel.
  EXPECT_LE(engine->prepares_started(), 3);
}

}  // namespace
}  // namespace chorus
