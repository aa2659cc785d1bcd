#include "server/connection_stream.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace chorus {
namespace {

bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  while (true) {
    int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0 && (p.revents & (events | POLLHUP | POLLERR));
  }
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                : ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (rc != 0) return;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, service,
                    sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

}  // namespace

ConnectionStream::ConnectionStream(int fd, std::chrono::milliseconds read_timeout,
                                   std::chrono::milliseconds write_timeout)
    : fd_(fd), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

bool ConnectionStream::wait_readable() const {
  auto timeout = read_timeout_;
  if (deadline_) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        *deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    timeout = std::min(timeout, left);
  }
  return wait_for(fd_, POLLIN, timeout);
}

bool ConnectionStream::is_readable() const { return has_buffered() || wait_readable(); }

bool ConnectionStream::is_writable() const { return wait_for(fd_, POLLOUT, write_timeout_); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (budget_) {
    if (*budget_ == 0) {
      over_budget_ = true;
      return -1;
    }
    size = std::min(size, *budget_);
  }
  if (!has_buffered()) {
    if (!wait_readable()) return -1;
    ssize_t n;
    do {
      n = ::recv(fd_, buffer_, sizeof buffer_, 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
  }
  std::size_t count = std::min(size, end_ - begin_);
  std::memcpy(ptr, buffer_ + begin_, count);
  begin_ += count;
  if (budget_) *budget_ -= count;
  return static_cast<ssize_t>(count);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (!is_writable()) return -1;
  ssize_t n;
  do {
    n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  address_of(fd_, true, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  address_of(fd_, false, ip, port);
}

}  // namespace chorus
