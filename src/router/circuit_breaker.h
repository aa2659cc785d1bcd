#pragma once
// Stops sending requests to an engine that keeps failing, and lets a single probe through after
// a cool-down to find out whether it recovered.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <utility>

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

  // What allow() let through, released on every path that gives no verdict (an exception
  // before the engine ran, a cache hit, a full queue), so a half-open circuit's one probe is
  // never left outstanding.
  class Pass {
   public:
    explicit Pass(CircuitBreaker& breaker) : breaker_(&breaker) {}
    ~Pass() {
      if (breaker_) breaker_->release();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    void succeeded() { settle()->record_success(); }
    bool failed() { return settle()->record_failure(); }  // true when this opened the circuit

   private:
    CircuitBreaker* settle() { return std::exchange(breaker_, nullptr); }
    CircuitBreaker* breaker_;
  };

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
