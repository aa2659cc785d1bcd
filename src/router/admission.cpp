#include "router/admission.h"

#include "core/api_error.h"

namespace chorus {
namespace {

ApiError too_busy(const char* why) {
  return ApiError(429, std::string("The server is busy (") + why + "); retry shortly.",
                  "rate_limit_error", {}, "server_busy")
      .with_retry_after(1);
}

}  // namespace

std::shared_ptr<void> Admission::enter() {
  std::unique_lock lock(mutex_);
  if (active_ >= limits_.max_active) {
    if (queued_ >= limits_.max_queued) throw too_busy("queue full");
    ++queued_;
    bool admitted = freed_.wait_for(lock, limits_.max_wait,
                                    [&] { return active_ < limits_.max_active; });
    --queued_;
    if (!admitted) throw too_busy("queue wait timed out");
  }
  ++active_;
  auto self = shared_from_this();
  return std::shared_ptr<void>(nullptr, [self](void*) { self->leave(); });
}

void Admission::leave() {
  {
    std::lock_guard lock(mutex_);
    --active_;
  }
  freed_.notify_one();
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
