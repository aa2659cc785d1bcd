#include "router/admission.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/api_error.h"

namespace chorus {
namespace {

std::shared_ptr<Admission> make(std::size_t active, std::size_t queued, int wait_ms) {
  return std::make_shared<Admission>(
      AdmissionLimits{active, queued, std::chrono::milliseconds(wait_ms)});
}

TEST(Admission, AdmitsUpToTheLimitThenRefusesWith429) {
  auto admission = make(2, 0, 10);
  auto a = admission->enter();
  auto b = admission->enter();
  EXPECT_EQ(admission->active(), 2u);
  try {
    admission->enter();
    FAIL() << "expected 429";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 429);
    EXPECT_EQ(error.retry_after(), 1);
    EXPECT_EQ(error.type(), "rate_limit_error");
  }
  a.reset();
  EXPECT_EQ(admission->active(), 1u);
  EXPECT_NO_THROW(admission->enter());
}

TEST(Admission, RetryAfterFollowsTheTimeSlotsAreHeld) {
  auto admission = make(2, 0, 30000);
  EXPECT_EQ(admission->retry_after_seconds(), 1);  // nothing measured yet
  admission->record_hold(8.0);                      // a slot is held about 8 s
  auto a = admission->enter();
  auto b = admission->enter();
  try {
    admission->enter();
    FAIL() << "expected 429";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.status(), 429);
    EXPECT_EQ(error.retry_after(), 4);  // one request ahead of the queue, two slots
  }
  for (int i = 0; i < 100; ++i) admission->record_hold(600.0);
  EXPECT_EQ(admission->retry_after_seconds(), 30);  // never beyond the queue wait limit
}

TEST(Admission, QueuedRequestRunsWhenASlotFrees) {
  auto admission = make(1, 1, 5000);
  auto holder = admission->enter();
  std::shared_ptr<void> queued_ticket;
  std::thread waiter([&] { queued_ticket = admission->enter(); });
  while (admission->queued() == 0) std::this_thread::yield();
  EXPECT_THROW(admission->enter(), ApiError);  // queue of one is full
  holder.reset();
  waiter.join();
  EXPECT_TRUE(admission->active() == 1u);
  EXPECT_EQ(admission->queued(), 0u);
}

TEST(Admission, QueueWaitTimesOut) {
  auto admission = make(1, 4, 30);
  auto holder = admission->enter();
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(admission->enter(), ApiError);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(30));
  EXPECT_EQ(admission->queued(), 0u);
}

}  // namespace
}  // namespace chorus
