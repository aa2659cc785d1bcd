#include "router/circuit_breaker.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace chorus
