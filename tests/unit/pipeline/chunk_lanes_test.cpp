// Chunks of one request synthesized side by side: the audio is byte for byte what one chunk after
// the other gives, the lanes really overlap, never run more than twice `lanes` chunks ahead of
// the consumer, stream the chunk next in order as it grows, ask for requests in chunk order,
// errors surface at their chunk after the earlier audio, and cancellation never leaves a thread
// behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/api_error.h"
#include "pipeline/chunk_lanes.h"
#include "pipeline/speech_stream.h"
#include "stream_test_support.h"

namespace chorus {
namespace {

using namespace std::chrono_literals;

// Samples are a pure function of the text; a call can be made to wait until another one runs.
class LaneEngine : public Engine {
 public:
  explicit LaneEngine(int parallel_chunks, std::string fail_on = {})
      : fail_on_(std::move(fail_on)) {
    info_.name = "lanes";
    info_.sample_rate = 24000;
    info_.parallel_chunks = parallel_chunks;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override { return std::nullopt; }

  void synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken& cancel) override {
    {
      std::unique_lock lock(mutex_);
      ++running_;
      ++started_;
      peak_ = std::max(peak_, running_);
      changed_.notify_all();
      // Overlap: wait (bounded) for a second call to be running at the same time.
      if (info_.parallel_chunks > 1 && changed_.wait_for(lock, 500ms, [&] { return running_ > 1 || done_ + running_ == total_; })) {
        if (running_ > 1) ++overlaps_;
      }
    }
    for (int i = 0; i < hold_ms_ && !cancel.cancelled(); ++i) std::this_thread::sleep_for(1ms);
    std::vector<float> samples;
    for (unsigned char c : request.text) samples.push_back(static_cast<float>(c) / 512.0f);
    if (request.on_word) request.on_word(WordTiming{0, request.text.size(), 0, request.text.size()});
    std::lock_guard lock(mutex_);
    --running_;
    ++done_;
    changed_.notify_all();
    if (request.text == fail_on_) throw EngineError("cannot speak " + request.text);
    sink(samples);
  }

  int total_ = 0;     // chunks the test will run (the last one has nobody to overlap with)
  int hold_ms_ = 0;   // each call lasts this long unless cancelled
  int started() const { std::lock_guard lock(mutex_); return started_; }
  int peak() const { std::lock_guard lock(mutex_); return peak_; }
  int overlaps() const { std::lock_guard lock(mutex_); return overlaps_; }

 private:
  EngineInfo info_;
  std::string fail_on_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int running_ = 0, started_ = 0, done_ = 0, peak_ = 0, overlaps_ = 0;
};

const std::vector<std::string> kLaneChunks = {"First clause,", "then a longer second sentence.", "A third one!",
                                          "And the last.", "One more for luck."};

SpeechPlan plan_for(std::shared_ptr<Engine> engine) {
  SpeechPlan plan;
  plan.engine = std::move(engine);
  plan.voice.id = "v";
  plan.language = "en";
  plan.format = AudioFormat::kPcm;
  for (const auto& text : kLaneChunks) plan.chunks.push_back(TextChunk{text, 0});
  return plan;
}

TEST(ChunkLanes, AudioIsIdenticalToOneChunkAfterTheOther) {
  auto parallel = std::make_shared<LaneEngine>(2);
  parallel->total_ = static_cast<int>(kLaneChunks.size());
  auto sequential = std::make_shared<LaneEngine>(1);
  SpeechStream a(plan_for(parallel));
  SpeechStream b(plan_for(sequential));
  const std::string two_lanes = test::drain(a);
  const std::string one_lane = test::drain(b);
  EXPECT_EQ(two_lanes, one_lane);
  std::size_t bytes = 0;
  for (const auto& t : kLaneChunks) bytes += 2 * t.size();  // s16 mono
  EXPECT_EQ(two_lanes.size(), bytes);
  EXPECT_GE(parallel->overlaps(), 2) << "the lanes never ran side by side";
  EXPECT_EQ(parallel->peak(), 2);
  EXPECT_EQ(sequential->peak(), 1);
}

TEST(ChunkLanes, WordTimingsComeBackPerChunkInOrder) {
  auto engine = std::make_shared<LaneEngine>(3);
  engine->total_ = static_cast<int>(kLaneChunks.size());
  SpeechPlan plan = plan_for(engine);
  plan.word_timings = true;
  SpeechStream stream(std::move(plan));
  test::drain(stream);
  ASSERT_EQ(stream.word_times().size(), kLaneChunks.size());
  for (std::size_t i = 0; i < kLaneChunks.size(); ++i) {
    ASSERT_EQ(stream.word_times()[i].words.size(), 1u);
    EXPECT_EQ(stream.word_times()[i].chunk, i);
    EXPECT_EQ(stream.word_times()[i].words[0].text_end, kLaneChunks[i].size());
  }
}

TEST(ChunkLanes, NeverMoreThanTwiceTheLanesChunksAheadOfTheConsumer) {
  LaneEngine engine(2);
  CancelToken cancel;
  ChunkLanes lanes(
      engine, kLaneChunks.size(), 2,
      [](std::size_t i) { return SynthesisRequest{kLaneChunks[i], "v", "en", 1.0f, nullptr, {}, nullptr}; },
      [](std::size_t) { return false; }, false, 0, cancel);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(engine.started(), 4);  // nothing taken yet: four chunks in flight or held, no more
  EXPECT_EQ(lanes.take(0).samples.size(), kLaneChunks[0].size());
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(engine.started(), 5);
  EXPECT_THROW(lanes.take(2), std::logic_error);
}  // destroyed with chunks held and lanes waiting: must join, not hang

// Hands over its chunk in two pieces and, between them, waits until the test has seen the first.
class TwoPieceEngine : public Engine {
 public:
  TwoPieceEngine() {
    info_.name = "pieces";
    info_.sample_rate = 24000;
    info_.parallel_chunks = 2;
  }
  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override { return {}; }
  std::optional<VoiceInfo> find_voice(std::string_view) const override { return std::nullopt; }
  std::optional<VoiceInfo> voice_for_alias(std::string_view, std::string_view) const override { return std::nullopt; }
  void synthesize(const SynthesisRequest&, const PcmSink& sink, const CancelToken&) override {
    const std::vector<float> first(100, 0.25f), second(50, 0.5f);
    if (!sink(first)) return;
    std::unique_lock lock(mutex_);
    seen_.wait_for(lock, 5s, [&] { return first_seen_; });
    lock.unlock();
    sink(second);
  }
  void first_seen() {
    std::lock_guard lock(mutex_);
    first_seen_ = true;
    seen_.notify_all();
  }

 private:
  EngineInfo info_;
  std::mutex mutex_;
  std::condition_variable seen_;
  bool first_seen_ = false;
};

TEST(ChunkLanes, TheChunkNextInOrderStreamsAsItIsSynthesized) {
  TwoPieceEngine engine;
  CancelToken cancel;
  ChunkLanes lanes(
      engine, 1, 2, [](std::size_t) { return SynthesisRequest{"One.", "v", "en", 1.0f, nullptr, {}, nullptr}; },
      [](std::size_t) { return false; }, false, 0, cancel);
  std::vector<float> piece;
  const auto asked = std::chrono::steady_clock::now();
  ASSERT_TRUE(lanes.next_samples(0, piece));
  // The engine is still waiting for us: the first piece came before the chunk was done.
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 4s);
  EXPECT_EQ(piece, std::vector<float>(100, 0.25f));
  engine.first_seen();
  ASSERT_TRUE(lanes.next_samples(0, piece));
  EXPECT_EQ(piece, std::vector<float>(50, 0.5f));
  EXPECT_FALSE(lanes.next_samples(0, piece));
  EXPECT_TRUE(piece.empty());
  EXPECT_TRUE(lanes.take(0).samples.empty());  // all of it was handed out already
}

// A preparer hands requests out only in chunk order (and throws otherwise), so the lanes must ask
// in that order even when the one that claimed the later chunk gets there first.
TEST(ChunkLanes, RequestsAreAskedForInChunkOrder) {
  constexpr std::size_t kChunks = 2000;
  LaneEngine engine(1);
  CancelToken cancel;
  std::mutex mutex;
  std::size_t expected = 0, out_of_order = 0;
  ChunkLanes lanes(
      engine, kChunks, 4,
      [&](std::size_t i) {
        {
          std::lock_guard lock(mutex);
          if (i != expected) ++out_of_order;
          expected = i + 1;
        }
        return SynthesisRequest{kLaneChunks[i % kLaneChunks.size()], "v", "en", 1.0f, nullptr, {}, nullptr};
      },
      [](std::size_t) { return false; }, false, 0, cancel);
  for (std::size_t i = 0; i < kChunks; ++i) {
    EXPECT_EQ(lanes.take(i).samples.size(), kLaneChunks[i % kLaneChunks.size()].size());
  }
  EXPECT_EQ(out_of_order, 0u);
}

TEST(ChunkLanes, ErrorSurfacesAtItsChunkAfterTheEarlierAudio) {
  auto engine = std::make_shared<LaneEngine>(2, kLaneChunks[2]);
  engine->total_ = static_cast<int>(kLaneChunks.size());
  SpeechStream stream(plan_for(engine));
  std::string all, bytes;
  EXPECT_THROW(
      {
        while (stream.next(bytes)) all += bytes;
      },
      EngineError);
  EXPECT_EQ(all.size(), 2 * (kLaneChunks[0].size() + kLaneChunks[1].size()));
  EXPECT_LE(engine->started(), 4) << "claimed chunks past the failed one";
}

TEST(ChunkLanes, CancelStopsEveryLanePromptly) {
  auto engine = std::make_shared<LaneEngine>(2);
  engine->hold_ms_ = 10000;
  const auto started = std::chrono::steady_clock::now();
  {
    SpeechStream stream(plan_for(engine));
    std::this_thread::sleep_for(100ms);
    stream.cancel();
  }  // joins the producer, which joins the lanes
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_LE(engine->started(), 2);
}

}  // namespace
}  // namespace chorus
