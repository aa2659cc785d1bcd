#pragma once
// How concurrent requests split the cores: every Run on the one session shares its intra-op
// thread pool and adds its own calling thread, so N simultaneous Runs keep N callers busy on top
// of the pool. The gate caps simultaneous Runs (default: one per core); further requests wait for
// a slot between batches instead of oversubscribing the CPU, so each batch finishes at full speed
// and the requests take turns batch by batch.
#include <condition_variable>
#include <mutex>
#include <optional>

#include "core/cancel_token.h"

namespace chorus::onnx {

class RunGate {
 public:
  // slots >= 1 (0 is resolved by the caller, see resolve_parallel_runs).
  explicit RunGate(int slots);

  // Held while one Run executes; releases its slot when destroyed.
  class Slot {
   public:
    explicit Slot(RunGate* gate) : gate_(gate) {}
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    RunGate* gate_;
  };

  // Waits for a free slot; nullopt when `cancel` fired first.
  std::optional<Slot> enter(const CancelToken& cancel);
  int slots() const { return slots_; }

 private:
  void leave();

  const int slots_;
  int busy_ = 0;
  std::mutex mutex_;
  std::condition_variable freed_;
};

// Simultaneous Runs for a configured value: 0 = one per core (at least 1).
int resolve_parallel_runs(int configured);

}  // namespace chorus::onnx
