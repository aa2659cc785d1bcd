#pragma once
// Holds connections in one epoll thread until their whole request head, and a small body of
// known length, have arrived, so an idle connection or one dripping its header or body costs a
// socket and a deadline rather than a worker thread. The bytes are looked at with MSG_PEEK: they
// stay in the socket for the HTTP library to read. A connection that sends nothing within the
// idle timeout, or hangs up, is closed here; one whose head is not complete within the head
// deadline (from its first byte), or whose small body is not within the body deadline (from the
// end of its head), or that pauses longer than the read timeout once it has started, is handed
// over as too slow (answered 408 and closed). A whole request is
// handed to `ready`, as is one whose head the checks of request_head_scan.h refuse.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "server/request_head_scan.h"

namespace chorus {

enum class Arrival {
  whole,             // a worker can answer it
  malformed,         // 400: a header line is not "name: value"
  header_too_large,  // 431
  too_slow,          // 408: head or small body not here by its deadline
};

class HeadWaiter {
 public:
  // `ready` receives the socket and the token given to wait() (e.g. a connection-count lease).
  using Ready = std::function<void(int fd, std::shared_ptr<void> token, Arrival arrival)>;
  HeadWaiter(Ready ready, std::chrono::milliseconds idle_timeout,
             std::chrono::milliseconds head_deadline, std::chrono::milliseconds body_deadline,
             std::chrono::milliseconds read_timeout);
  ~HeadWaiter();  // closes connections still waiting
  HeadWaiter(const HeadWaiter&) = delete;
  HeadWaiter& operator=(const HeadWaiter&) = delete;

  // Takes ownership of the connected socket `fd`; `token` is dropped when the socket is closed
  // here, or passed on to `ready`.
  void wait(int fd, std::shared_ptr<void> token);
  std::size_t waiting() const;
  std::size_t expired() const;

 private:
  void run();
  // What the bytes buffered on `fd` hold; `hung_up` when the peer closed or the socket failed.
  static HeadState look(int fd, bool& hung_up);
  void release(int fd, bool close_it, Arrival arrival = Arrival::whole);

  struct Waiting {
    std::chrono::steady_clock::time_point since;
    std::optional<std::chrono::steady_clock::time_point> first_byte;
    std::chrono::steady_clock::time_point last_byte;
    std::optional<std::chrono::steady_clock::time_point> head_done;  // awaiting its body
    std::shared_ptr<void> token;
  };
  Ready ready_;
  std::chrono::milliseconds idle_timeout_;
  std::chrono::milliseconds head_deadline_;
  std::chrono::milliseconds body_deadline_;
  std::chrono::milliseconds read_timeout_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd: stop
  mutable std::mutex mutex_;
  std::map<int, Waiting> waiting_;
  std::size_t expired_ = 0;
  std::thread thread_;
};

}  // namespace chorus
