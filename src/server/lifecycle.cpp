#include "server/lifecycle.h"

namespace chorus {

std::shared_ptr<void> Lifecycle::track() {
  {
    std::lock_guard lock(mutex_);
    ++in_flight_;
  }
  return std::shared_ptr<void>(nullptr, [this](void*) {
    {
      std::lock_guard lock(mutex_);
      --in_flight_;
    }
    idle_.notify_all();
  });
}

std::size_t Lifecycle::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}

bool Lifecycle::wait_idle(std::chrono::milliseconds deadline) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, deadline, [&] { return in_flight_ == 0; });
}

}  // namespace chorus
