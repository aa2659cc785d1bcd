#include "engines/onnx/onnx_run_gate.h"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace chorus::onnx {

RunGate::RunGate(int slots) : slots_(slots) {
  if (slots < 1) throw std::invalid_argument("RunGate needs at least one slot");
}

RunGate::Slot::~Slot() {
  if (gate_) gate_->leave();
}

std::optional<RunGate::Slot> RunGate::enter(const CancelToken& cancel) {
  std::unique_lock lock(mutex_);
  // CancelToken has no wake-up of its own: look at it every few ms while waiting.
  while (busy_ >= slots_) {
    if (cancel.cancelled()) return std::nullopt;
    freed_.wait_for(lock, std::chrono::milliseconds(20));
  }
  if (cancel.cancelled()) return std::nullopt;
  ++busy_;
  return std::optional<Slot>(std::in_place, this);
}

void RunGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --busy_;
  }
  freed_.notify_one();
}

int resolve_parallel_runs(int configured) {
  if (configured > 0) return configured;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? static_cast<int>(cores) : 1;
}

}  // namespace chorus::onnx
