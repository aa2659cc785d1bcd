#pragma once
// Shared flag that lets the HTTP side stop synthesis when a client goes away.
#include <atomic>

namespace chorus {

class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace chorus
