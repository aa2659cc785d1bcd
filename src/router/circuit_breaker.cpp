#include "router/circuit_breaker.h"

namespace chorus {

bool CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (Clock::now() - opened_at_ < config_.cool_down) return false;
      state_ = State::kHalfOpen;
      probe_in_flight_ = true;
      return true;
    case State::kHalfOpen:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return true;
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mutex_);
  state_ = State::kClosed;
  failures_ = 0;
  probe_in_flight_ = false;
}

bool CircuitBreaker::record_failure() {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
  ++failures_;
  if (state_ == State::kHalfOpen || failures_ >= config_.failures_to_open) {
    const bool opened = state_ != State::kOpen;
    state_ = State::kOpen;
    opened_at_ = Clock::now();
    return opened;
  }
  return false;
}

void CircuitBreaker::release() {
  std::lock_guard lock(mutex_);
  probe_in_flight_ = false;
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::string CircuitBreaker::state_name(State state) {
  switch (state) {
    case State::kClosed: return "closed";
    case State::kOpen: return "open";
    case State::kHalfOpen: return "half-open";
  }
  return "unknown";
}

}  // namespace chorus
