#pragma once
// Turns a polled CancelToken into an action: while a blocking HTTP call waits for the next piece
// of a stream, nothing else would look at the token, so a watcher thread does and aborts the
// connection (cpp-httplib's Client::stop() is safe to call from another thread).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/cancel_token.h"

namespace chorus::xtts {

class CancelWatch {
 public:
  CancelWatch(const CancelToken& token, std::function<void()> on_cancel,
              std::chrono::milliseconds poll = std::chrono::milliseconds(20));
  ~CancelWatch();  // stops watching; on_cancel never runs after this returns
  CancelWatch(const CancelWatch&) = delete;
  CancelWatch& operator=(const CancelWatch&) = delete;

  bool fired() const;

 private:
  void run();

  const CancelToken& token_;
  std::function<void()> on_cancel_;
  std::chrono::milliseconds poll_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool fired_ = false;
  std::thread thread_;
};

}  // namespace chorus::xtts
