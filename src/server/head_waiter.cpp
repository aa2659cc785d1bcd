#include "server/head_waiter.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace chorus {
namespace {

// Heads longer than this are handed over as they are; the library limits lines and answers.
constexpr std::size_t kPeekWindow = 64 * 1024;

}  // namespace

HeadWaiter::HeadWaiter(Ready ready, std::chrono::milliseconds idle_timeout,
                       std::chrono::milliseconds head_deadline)
    : ready_(std::move(ready)), idle_timeout_(idle_timeout), head_deadline_(head_deadline) {
  epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error("cannot create epoll/eventfd");
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
  thread_ = std::thread([this] { run(); });
}

HeadWaiter::~HeadWaiter() {
  std::uint64_t one = 1;
  (void)::write(wake_, &one, sizeof one);
  thread_.join();
  for (const auto& [fd, waiting] : waiting_) ::close(fd);
  waiting_.clear();
  ::close(wake_);
  ::close(epoll_);
}

void HeadWaiter::wait(int fd, std::shared_ptr<void> token) {
  epoll_event event{};
  // Edge-triggered: one wake-up per arrival of new bytes, not a spin while a partial head sits.
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  event.data.fd = fd;
  bool added;
  {
    // Registered under the lock that release() takes: whatever the epoll thread then does with
    // this socket happens after this.
    std::lock_guard lock(mutex_);
    waiting_[fd] = Waiting{std::chrono::steady_clock::now(), std::nullopt, std::move(token)};
    added = ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) == 0;
    if (!added) waiting_.erase(fd);
  }
  if (!added) ::close(fd);
}

std::size_t HeadWaiter::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

std::size_t HeadWaiter::expired() const {
  std::lock_guard lock(mutex_);
  return expired_;
}

bool header_lines_well_formed(std::string_view head) {
  std::size_t start = head.find('\n');  // the request line is httplib's to judge
  while (start != std::string_view::npos) {
    ++start;
    std::size_t end = head.find('\n', start);
    std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return true;  // end of the head
    if (line.front() == ' ' || line.front() == '\t') return false;  // obsolete line folding
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    if (line.substr(0, colon).find_first_of(" \t") != std::string_view::npos) return false;
    start = end;
  }
  return true;
}

bool HeadWaiter::head_complete(int fd, bool& hung_up, bool& malformed) {
  std::vector<char> buffer(kPeekWindow);
  ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
    hung_up = true;
    return false;
  }
  if (n < 0) return false;
  std::string_view bytes(buffer.data(), static_cast<std::size_t>(n));
  const bool complete = bytes.find("\r\n\r\n") != std::string_view::npos ||
                        bytes.find("\n\n") != std::string_view::npos;
  if (complete) malformed = !header_lines_well_formed(bytes);
  return complete || bytes.size() == kPeekWindow;
}

void HeadWaiter::release(int fd, bool close_it, bool malformed) {
  std::shared_ptr<void> token;
  {
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(fd);
    if (it == waiting_.end()) return;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    token = std::move(it->second.token);
    waiting_.erase(it);
  }
  if (close_it) {
    ::close(fd);
  } else {
    ready_(fd, std::move(token), malformed);
  }
}

void HeadWaiter::run() {
  std::vector<epoll_event> events(256);
  while (true) {
    int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wake_) return;
      bool hung_up = false;
      bool malformed = false;
      if (head_complete(fd, hung_up, malformed)) {
        release(fd, false, malformed);
      } else if (hung_up) {
        release(fd, true);
      } else {
        std::lock_guard lock(mutex_);
        if (auto it = waiting_.find(fd); it != waiting_.end() && !it->second.first_byte) {
          it->second.first_byte = std::chrono::steady_clock::now();
        }
      }
    }
    // Deadlines: a head that has not arrived in time is not waited for any longer.
    const auto now = std::chrono::steady_clock::now();
    std::vector<int> late;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [fd, waiting] : waiting_) {
        bool late_head = waiting.first_byte && now - *waiting.first_byte > head_deadline_;
        bool idle = !waiting.first_byte && now - waiting.since > idle_timeout_;
        if (late_head || idle) late.push_back(fd);
      }
      expired_ += late.size();
    }
    for (int fd : late) release(fd, true);
  }
}

}  // namespace chorus
