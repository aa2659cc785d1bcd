#include "router/admission.h"

#include <algorithm>
#include <cmath>

#include "core/api_error.h"

namespace chorus {
namespace {

ApiError too_busy(const char* why, int retry_after) {
  return ApiError(429, std::string("The server is busy (") + why + "); retry shortly.",
                  "rate_limit_error", {}, "server_busy")
      .with_retry_after(retry_after);
}

}  // namespace

std::shared_ptr<void> Admission::enter() {
  std::unique_lock lock(mutex_);
  if (active_ >= limits_.max_active) {
    if (queued_ >= limits_.max_queued) throw too_busy("queue full", retry_after_locked());
    ++queued_;
    bool admitted = freed_.wait_for(lock, limits_.max_wait,
                                    [&] { return active_ < limits_.max_active; });
    --queued_;
    if (!admitted) throw too_busy("queue wait timed out", retry_after_locked());
  }
  ++active_;
  auto self = shared_from_this();
  auto entered = std::chrono::steady_clock::now();
  return std::shared_ptr<void>(nullptr, [self, entered](void*) {
    self->leave(std::chrono::duration<double>(std::chrono::steady_clock::now() - entered).count());
  });
}

void Admission::leave(double held_seconds) {
  {
    std::lock_guard lock(mutex_);
    --active_;
  }
  record_hold(held_seconds);
  freed_.notify_one();
}

void Admission::record_hold(double seconds) {
  std::lock_guard lock(mutex_);
  constexpr double kWeight = 0.2;  // recent requests count most; a few outliers fade quickly
  mean_hold_seconds_ = mean_hold_seconds_ == 0
                           ? seconds
                           : mean_hold_seconds_ + kWeight * (seconds - mean_hold_seconds_);
}

int Admission::retry_after_seconds() const {
  std::lock_guard lock(mutex_);
  return retry_after_locked();
}

int Admission::retry_after_locked() const {
  const double slots = static_cast<double>(std::max<std::size_t>(limits_.max_active, 1));
  const double wait = mean_hold_seconds_ * static_cast<double>(queued_ + 1) / slots;
  const double longest = std::max(1.0, std::ceil(limits_.max_wait.count() / 1000.0));
  return static_cast<int>(std::clamp(std::ceil(wait), 1.0, longest));
}

std::size_t Admission::active() const {
  std::lock_guard lock(mutex_);
  return active_;
}

std::size_t Admission::queued() const {
  std::lock_guard lock(mutex_);
  return queued_;
}

}  // namespace chorus
