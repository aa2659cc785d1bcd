#pragma once
// Graceful shutdown: once draining, new work is refused with 503 while responses already
// streaming run to completion (up to a deadline).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

namespace chorus {

class Lifecycle {
 public:
  bool draining() const { return draining_.load(); }
  // True while the cache warm-up runs: /ready answers 503 until it is done.
  bool warming_up() const { return warming_up_.load(); }
  void set_warming_up(bool warming) { warming_up_.store(warming); }
  void start_draining() { draining_.store(true); }

  // Counts one in-flight response until the returned token is released.
  std::shared_ptr<void> track();
  std::size_t in_flight() const;

  // Waits until nothing is in flight; false when the deadline passed first.
  bool wait_idle(std::chrono::milliseconds deadline);

 private:
  std::atomic<bool> draining_{false};
  std::atomic<bool> warming_up_{false};
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t in_flight_ = 0;
};

}  // namespace chorus
