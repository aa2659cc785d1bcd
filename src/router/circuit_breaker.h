#pragma once
// Stops sending requests to an engine that keeps failing, and lets a single probe through after
// a cool-down to find out whether it recovered.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace chorus {

struct BreakerConfig {
  std::size_t failures_to_open = 3;          // consecutive failures that open the circuit
  std::chrono::milliseconds cool_down{10000};  // how long an open circuit refuses requests
};

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  explicit CircuitBreaker(BreakerConfig config = {}) : config_(config) {}

  // True when a request may go to the engine now. In the half-open state only one probe is let
  // through until it reports back.
  bool allow();
  void record_success();
  // Returns true when this failure opened the circuit (counted in chorus_circuit_openings_total).
  bool record_failure();
  // The request let through by allow() never reached the engine (e.g. its queue was full).
  void release();
  State state() const;
  static std::string state_name(State state);

 private:
  using Clock = std::chrono::steady_clock;
  BreakerConfig config_;
  mutable std::mutex mutex_;
  State state_ = State::kClosed;
  std::size_t failures_ = 0;
  Clock::time_point opened_at_{};
  bool probe_in_flight_ = false;
};

}  // namespace chorus
