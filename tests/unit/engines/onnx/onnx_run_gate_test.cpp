#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "engines/onnx/onnx_run_gate.h"

namespace chorus::onnx {
namespace {

using namespace std::chrono_literals;

int most_at_once(int slots, int threads) {
  RunGate gate(slots);
  std::atomic<int> inside{0}, most{0};
  CancelToken cancel;
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto slot = gate.enter(cancel);
        if (!slot) return;
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(2ms);
        --inside;
      }
    });
  }
  for (auto& w : workers) w.join();
  return most.load();
}

TEST(OnnxRunGate, NeverMoreRunsThanSlots) {
  EXPECT_EQ(most_at_once(1, 4), 1);
  EXPECT_LE(most_at_once(2, 6), 2);
  EXPECT_GE(most_at_once(2, 6), 1);
}

TEST(OnnxRunGate, CancelStopsTheWait) {
  RunGate gate(1);
  CancelToken free_run, cancel;
  auto held = gate.enter(free_run);
  ASSERT_TRUE(held);
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    cancel.cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(gate.enter(cancel));  // the slot stays taken: only the cancel ends the wait
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  canceller.join();
}

TEST(OnnxRunGate, SlotIsReleasedOnScopeExit) {
  RunGate gate(1);
  CancelToken cancel;
  { auto slot = gate.enter(cancel); ASSERT_TRUE(slot); }
  EXPECT_TRUE(gate.enter(cancel));
  EXPECT_THROW(RunGate(0), std::invalid_argument);
  EXPECT_EQ(resolve_parallel_runs(3), 3);
  EXPECT_GE(resolve_parallel_runs(0), 1);
}

}  // namespace
}  // namespace chorus::onnx
