#pragma once
// Admission control in front of one engine: up to `max_active` requests run, up to `max_queued`
// more wait (at most `max_wait`), the rest are refused with 429 and Retry-After. Sits per engine,
// not around the HTTP server, so a slow engine cannot block the others.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>

namespace chorus {

struct AdmissionLimits {
  std::size_t max_active = 4;
  std::size_t max_queued = 16;
  std::chrono::milliseconds max_wait{30000};
};

class Admission : public std::enable_shared_from_this<Admission> {
 public:
  explicit Admission(AdmissionLimits limits) : limits_(limits) {}

  // Returns a ticket that holds a slot until destroyed. Throws ApiError 429 when the queue is
  // full or the wait timed out.
  std::shared_ptr<void> enter();

  std::size_t active() const;
  std::size_t queued() const;
  // Seconds a refused client should wait: the queue ahead of it times the recent time a slot is
  // held, divided among the slots; at least 1, at most the queue wait limit.
  int retry_after_seconds() const;
  // Folds one slot's holding time into the recent average (called when a ticket is released).
  void record_hold(double seconds);
  const AdmissionLimits& limits() const { return limits_; }

 private:
  void leave(double held_seconds);
  int retry_after_locked() const;

  AdmissionLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t active_ = 0;
  std::size_t queued_ = 0;
  double mean_hold_seconds_ = 0;  // moving average of how long a slot is held
};

}  // namespace chorus
