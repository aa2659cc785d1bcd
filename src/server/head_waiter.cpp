#include "server/head_waiter.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>
#include <vector>

namespace chorus {
namespace {

// A head that does not end within this many bytes is refused (431).
constexpr std::size_t kPeekWindow = 64 * 1024;

}  // namespace

HeadWaiter::HeadWaiter(Ready ready, std::chrono::milliseconds idle_timeout,
                       std::chrono::milliseconds head_deadline,
                       std::chrono::milliseconds body_deadline,
                       std::chrono::milliseconds read_timeout)
    : ready_(std::move(ready)),
      idle_timeout_(idle_timeout),
      head_deadline_(head_deadline),
      body_deadline_(body_deadline),
      read_timeout_(read_timeout) {
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
    const auto now = std::chrono::steady_clock::now();
    waiting_[fd] = Waiting{now, std::nullopt, now, std::nullopt, std::move(token)};
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

HeadState HeadWaiter::look(int fd, bool& hung_up) {
  std::vector<char> buffer(kPeekWindow);
  ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
    hung_up = true;
    return HeadState::incomplete;
  }
  if (n < 0) return HeadState::incomplete;
  const auto size = static_cast<std::size_t>(n);
  return scan_request_head(std::string_view(buffer.data(), size), size == kPeekWindow);
}

void HeadWaiter::release(int fd, bool close_it, Arrival arrival) {
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
    ready_(fd, std::move(token), arrival);
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
      const HeadState state = look(fd, hung_up);
      if (hung_up) {
        release(fd, true);
        continue;
      }
      switch (state) {
        case HeadState::ready: release(fd, false, Arrival::whole); break;
        case HeadState::malformed: release(fd, false, Arrival::malformed); break;
        case HeadState::header_too_large: release(fd, false, Arrival::header_too_large); break;
        case HeadState::incomplete:
        case HeadState::awaiting_body: {
          const auto now = std::chrono::steady_clock::now();
          std::lock_guard lock(mutex_);
          if (auto it = waiting_.find(fd); it != waiting_.end()) {
            if (!it->second.first_byte) it->second.first_byte = now;
            it->second.last_byte = now;
            if (state == HeadState::awaiting_body && !it->second.head_done) {
              it->second.head_done = now;
            }
          }
          break;
        }
      }
    }
    // Deadlines: a head or small body that has not arrived in time is not waited for any
    // longer; a connection that never sent a byte is just closed.
    const auto now = std::chrono::steady_clock::now();
    std::vector<int> idle;
    std::vector<int> late;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [fd, waiting] : waiting_) {
        if (waiting.first_byte && now - waiting.last_byte > read_timeout_) {
          late.push_back(fd);  // started, then stopped sending
        } else if (waiting.head_done) {
          if (now - *waiting.head_done > body_deadline_) late.push_back(fd);
        } else if (waiting.first_byte) {
          if (now - *waiting.first_byte > head_deadline_) late.push_back(fd);
        } else if (now - waiting.since > idle_timeout_) {
          idle.push_back(fd);
        }
      }
      expired_ += idle.size() + late.size();
    }
    for (int fd : idle) release(fd, true);
    for (int fd : late) release(fd, false, Arrival::too_slow);
  }
}

}  // namespace chorus
