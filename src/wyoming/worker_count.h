#pragma once
// Counts the sessions' synthesis threads, so the listener can wait for all of them to end
// before its I/O context (which their sockets belong to) goes away.
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace chorus::wyoming {

class WorkerCount {
 public:
  void add() {
    std::lock_guard lock(mutex_);
    ++count_;
  }
  void remove() {
    std::lock_guard lock(mutex_);
    if (--count_ == 0) zero_.notify_all();
  }
  void wait_zero() {
    std::unique_lock lock(mutex_);
    zero_.wait(lock, [this] { return count_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable zero_;
  std::size_t count_ = 0;
};

}  // namespace chorus::wyoming
