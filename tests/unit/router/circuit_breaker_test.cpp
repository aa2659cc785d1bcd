#include "router/circuit_breaker.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace chorus {
namespace {

BreakerConfig fast(std::size_t failures) {
  return {failures, std::chrono::milliseconds(50)};
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailures) {
  CircuitBreaker breaker(fast(3));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(breaker.allow());
    breaker.record_failure();
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  ASSERT_TRUE(breaker.allow());
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(breaker.allow());
}

TEST(CircuitBreaker, SuccessResetsTheCount) {
  CircuitBreaker breaker(fast(2));
  breaker.record_failure();
  breaker.record_success();
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

TEST(CircuitBreaker, HalfOpenLetsOneProbeThrough) {
  CircuitBreaker breaker(fast(1));
  breaker.record_failure();
  EXPECT_FALSE(breaker.allow());
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  EXPECT_TRUE(breaker.allow());   // the probe
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kHalfOpen);
  EXPECT_FALSE(breaker.allow());  // nobody else while it runs
  breaker.record_success();
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  EXPECT_TRUE(breaker.allow());
}

TEST(CircuitBreaker, FailedProbeReopens) {
  CircuitBreaker breaker(fast(1));
  breaker.record_failure();
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  ASSERT_TRUE(breaker.allow());
  breaker.record_failure();
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(breaker.allow());
}

TEST(CircuitBreaker, ReleasedProbeFreesTheSlot) {
  CircuitBreaker breaker(fast(1));
  breaker.record_failure();
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  ASSERT_TRUE(breaker.allow());
  breaker.release();  // the request never reached the engine
  EXPECT_TRUE(breaker.allow());
}

TEST(CircuitBreaker, PassLeftByAnExceptionFreesTheProbe) {
  CircuitBreaker breaker(fast(1));
  breaker.record_failure();
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  ASSERT_TRUE(breaker.allow());
  try {
    CircuitBreaker::Pass pass(breaker);
    throw std::runtime_error("planning the request failed before the engine ran");
  } catch (const std::runtime_error&) {
  }
  EXPECT_TRUE(breaker.allow());  // not stuck half-open with a probe nobody will report
}

TEST(CircuitBreaker, PassVerdictsReachTheBreaker) {
  CircuitBreaker breaker(fast(1));
  {
    ASSERT_TRUE(breaker.allow());
    CircuitBreaker::Pass pass(breaker);
    EXPECT_TRUE(pass.failed());  // opened the circuit
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  {
    ASSERT_TRUE(breaker.allow());
    CircuitBreaker::Pass pass(breaker);
    pass.succeeded();
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

}  // namespace
}  // namespace chorus
