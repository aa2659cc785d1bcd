// XttsEngine when things go wrong: cancellation, a server that dies or stalls mid-stream, an
// unreachable endpoint, error answers, and the one-stream-per-endpoint limit.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/api_error.h"
#include "engines/xtts/xtts_engine.h"
#include "xtts_engine_test_support.h"

namespace chorus::xtts {
namespace {

using namespace chorus::xtts::testing;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Polls the stand-in until `done(stats)` or the deadline; returns the last stats.
template <typename Predicate>
nlohmann::json wait_for_stats(const StandIn& standin, Predicate done, double seconds = 3.0) {
  const auto start = Clock::now();
  auto stats = standin.stats();
  while (!done(stats) && seconds_since(start) < seconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    stats = standin.stats();
  }
  return stats;
}

// 200 characters: 96 000 samples in 40 pieces, 2 s of streaming at 50 ms per piece.
const std::string kLongText(200, 'a');

TEST(XttsEngineFailure, CancellationStopsTheUpstreamStream) {
  StandIn standin({"--chunk-delay-ms", "50"});
  XttsEngine engine(config_for({standin.url()}));
  CancelToken cancel;
  std::size_t received = 0;
  const auto start = Clock::now();
  engine.synthesize(request(kLongText, "xtts:Ana Florence"),
                    [&](std::span<const float> pcm) {
                      received += pcm.size();
                      cancel.cancel();  // the client went away after the first audio
                      return true;
                    },
                    cancel);
  EXPECT_LT(seconds_since(start), 1.0);
  EXPECT_LT(received, 200u * kSamplesPerChar);
  auto stats = wait_for_stats(standin, [](const auto& s) { return s["aborted_streams"] == 1; });
  EXPECT_EQ(stats["aborted_streams"], 1);
  EXPECT_EQ(stats["completed_streams"], 0);
  EXPECT_TRUE(engine.healthy());
}

TEST(XttsEngineFailure, CancellationInterruptsAWaitForTheNextPiece) {
  StandIn standin({"--stall-mid-stream", "20"});
  XttsEngine engine(config_for({standin.url()}));
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel.cancel();
  });
  const auto start = Clock::now();
  Collector out;
  EXPECT_NO_THROW(engine.synthesize(request(kLongText, "xtts:Ana Florence"), out.sink(), cancel));
  canceller.join();
  EXPECT_LT(seconds_since(start), 1.0);  // well before the 3 s read timeout
  EXPECT_EQ(out.samples.size(), 2400u);  // the piece before the stall
}

TEST(XttsEngineFailure, SinkReturningFalseStopsTheStream) {
  StandIn standin({"--chunk-delay-ms", "50"});
  XttsEngine engine(config_for({standin.url()}));
  CancelToken cancel;
  int calls = 0;
  engine.synthesize(request(kLongText, "xtts:Ana Florence"),
                    [&](std::span<const float>) { return ++calls < 2; }, cancel);
  EXPECT_EQ(calls, 2);
  auto stats = wait_for_stats(standin, [](const auto& s) { return s["aborted_streams"] == 1; });
  EXPECT_EQ(stats["aborted_streams"], 1);
}

TEST(XttsEngineFailure, ServerKilledMidStreamThrowsPromptly) {
  StandIn standin({"--die-mid-stream"});
  XttsEngine engine(config_for({standin.url()}));
  ASSERT_TRUE(engine.healthy());
  Collector out;
  CancelToken cancel;
  const auto start = Clock::now();
  EXPECT_THROW(engine.synthesize(request(kLongText, "xtts:Ana Florence"), out.sink(), cancel),
               EngineError);
  EXPECT_LT(seconds_since(start), 2.0);
  EXPECT_EQ(out.samples.size(), 2400u);  // what arrived before the crash was delivered
  EXPECT_FALSE(engine.healthy());
  // Requests now fail fast instead of hanging.
  const auto again = Clock::now();
  EXPECT_THROW(engine.synthesize(request("Hi.", "xtts:Ana Florence"), out.sink(), cancel),
               EngineError);
  EXPECT_LT(seconds_since(again), 2.0);
}

TEST(XttsEngineFailure, StallLongerThanTheReadTimeoutThrows) {
  StandIn standin({"--stall-mid-stream", "20"});
  XttsConfig config = config_for({standin.url()});
  config.read_timeout = std::chrono::milliseconds(500);
  XttsEngine engine(config);
  Collector out;
  CancelToken cancel;
  const auto start = Clock::now();
  EXPECT_THROW(engine.synthesize(request(kLongText, "xtts:Ana Florence"), out.sink(), cancel),
               EngineError);
  EXPECT_GE(seconds_since(start), 0.4);
  EXPECT_LT(seconds_since(start), 2.5);
}

TEST(XttsEngineFailure, UnreachableEndpointIsUnhealthyAndFailsFast) {
  const auto start = Clock::now();
  XttsEngine engine(config_for({unused_url()}));
  EXPECT_LT(seconds_since(start), 2.0);
  EXPECT_FALSE(engine.healthy());
  EXPECT_FALSE(engine.check_health());
  EXPECT_TRUE(engine.voices().empty());
  EXPECT_EQ(engine.info().languages.size(), 18u);  // the 17 XTTS codes until it answers
  Collector out;
  CancelToken cancel;
  SynthesisRequest req = request("Hello.", "voice_x");
  MemoryVoiceStore store;
  req.speaker = store.voice("voice_x");
  const auto attempt = Clock::now();
  EXPECT_THROW(engine.synthesize(req, out.sink(), cancel), EngineError);
  EXPECT_LT(seconds_since(attempt), 2.0);
}

TEST(XttsEngineFailure, RecoversWhenTheServiceComesUp) {
  const std::string url = unused_url();
  XttsEngine engine(config_for({url}));
  ASSERT_FALSE(engine.healthy());
  StandIn standin({"--port", url.substr(url.rfind(':') + 1)});
  EXPECT_TRUE(engine.check_health());
  EXPECT_TRUE(engine.healthy());
  EXPECT_EQ(engine.voices().size(), 4u);  // studio speakers loaded on the first good probe
  Collector out;
  CancelToken cancel;
  engine.synthesize(request("Back.", "xtts:Andrew Chipper"), out.sink(), cancel);
  EXPECT_EQ(out.samples.size(), 5 * kSamplesPerChar);
}

TEST(XttsEngineFailure, ErrorStatusFailsTheRequestButKeepsTheEndpoint) {
  StandIn standin;
  XttsEngine engine(config_for({standin.url()}));
  standin.control({{"fail_status", 500}});
  Collector out;
  CancelToken cancel;
  try {
    engine.synthesize(request("Hello.", "xtts:Ana Florence"), out.sink(), cancel);
    FAIL() << "expected EngineError";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find("HTTP 500"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(engine.healthy());
  EXPECT_TRUE(out.samples.empty());
}

TEST(XttsEngineFailure, ADownEndpointIsSkipped) {
  StandIn standin;
  XttsEngine engine(config_for({unused_url(), standin.url()}));
  EXPECT_TRUE(engine.healthy());
  EXPECT_EQ(engine.info().max_concurrency, 2);
  for (int i = 0; i < 3; ++i) {
    Collector out;
    CancelToken cancel;
    engine.synthesize(request("Skip.", "xtts:Ana Florence"), out.sink(), cancel);
    EXPECT_EQ(out.samples.size(), 5 * kSamplesPerChar);
  }
  EXPECT_EQ(standin.count("tts_stream"), 3);
}

TEST(XttsEngineFailure, OneStreamPerEndpointAndBothEndpointsUsed) {
  StandIn first({"--chunk-delay-ms", "20"});
  StandIn second({"--chunk-delay-ms", "20"});
  XttsEngine single(config_for({first.url()}));
  XttsEngine pair(config_for({first.url(), second.url()}));
  auto run_parallel = [](XttsEngine& engine, int count) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
      threads.emplace_back([&engine] {
        Collector out;
        CancelToken cancel;
        engine.synthesize(request(std::string(40, 'b'), "xtts:Ana Florence"), out.sink(), cancel);
        EXPECT_EQ(out.samples.size(), 40 * kSamplesPerChar);
      });
    }
    for (auto& thread : threads) thread.join();
  };
  run_parallel(single, 3);
  EXPECT_EQ(first.stats()["max_active_streams"], 1);
  run_parallel(pair, 2);
  EXPECT_EQ(first.stats()["max_active_streams"], 1);
  EXPECT_EQ(second.stats()["max_active_streams"], 1);
  EXPECT_GE(second.count("tts_stream"), 1);
}

}  // namespace
}  // namespace chorus::xtts
