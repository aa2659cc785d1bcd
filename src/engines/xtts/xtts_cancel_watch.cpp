#include "engines/xtts/xtts_cancel_watch.h"

namespace chorus::xtts {

CancelWatch::CancelWatch(const CancelToken& token, std::function<void()> on_cancel,
                         std::chrono::milliseconds poll)
    : token_(token), on_cancel_(std::move(on_cancel)), poll_(poll) {
  thread_ = std::thread([this] { run(); });
}

CancelWatch::~CancelWatch() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool CancelWatch::fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

void CancelWatch::run() {
  std::unique_lock lock(mutex_);
  while (!done_) {
    if (token_.cancelled()) {
      fired_ = true;
      // Called with the lock held so the destructor cannot finish while the callback runs.
      on_cancel_();
      return;
    }
    wake_.wait_for(lock, poll_);
  }
}

}  // namespace chorus::xtts
