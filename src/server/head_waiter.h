#pragma once
// Holds new connections in one epoll thread until their whole request head has arrived, so an
// idle connection or one dripping its header costs a socket and a deadline rather than a worker
// thread. The head is looked at with MSG_PEEK: the bytes stay in the socket for the HTTP library
// to read. A connection that sends nothing within the idle timeout, whose head is not complete
// within the head deadline (from its first byte), or that hangs up, is closed here; one whose head is complete (or larger than the peek window, for the library to
// refuse) is handed to `ready`.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace chorus {

// True when every header line of `head` (request line, header lines, up to the empty line) is
// "name: value" with a name free of whitespace and no line folded onto the previous one.
bool header_lines_well_formed(std::string_view head);

class HeadWaiter {
 public:
  // `ready` receives the socket and the token given to wait() (e.g. a connection-count lease),
  // and whether the head's header lines are malformed (RFC 9112: no colon, whitespace before
  // the colon, obsolete line folding), which the HTTP library would let through.
  using Ready = std::function<void(int fd, std::shared_ptr<void> token, bool malformed)>;
  HeadWaiter(Ready ready, std::chrono::milliseconds idle_timeout,
             std::chrono::milliseconds head_deadline);
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
  // True when the bytes buffered on `fd` hold a whole head (or as much as the window).
  static bool head_complete(int fd, bool& hung_up, bool& malformed);
  void release(int fd, bool close_it, bool malformed = false);

  struct Waiting {
    std::chrono::steady_clock::time_point since;
    std::optional<std::chrono::steady_clock::time_point> first_byte;
    std::shared_ptr<void> token;
  };
  Ready ready_;
  std::chrono::milliseconds idle_timeout_;
  std::chrono::milliseconds head_deadline_;
  int epoll_ = -1;
  int wake_ = -1;  // eventfd: stop
  mutable std::mutex mutex_;
  std::map<int, Waiting> waiting_;
  std::size_t expired_ = 0;
  std::thread thread_;
};

}  // namespace chorus
