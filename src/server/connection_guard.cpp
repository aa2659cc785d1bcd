#include "server/connection_guard.h"

#include <netdb.h>
#include <sys/socket.h>

#include <cstdlib>

namespace chorus {

std::optional<std::pair<std::string, int>> peer_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return std::nullopt;
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&address), length, host, sizeof host, port,
                    sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return std::nullopt;
  }
  return std::make_pair(std::string(host), std::atoi(port));
}

std::shared_ptr<void> ConnectionGuard::open(int fd) {
  auto peer = peer_of(fd);
  if (!peer) return nullptr;
  std::lock_guard lock(mutex_);
  std::size_t& from_address = per_address_[peer->first];
  if (open_ >= limits_.max_connections || from_address >= limits_.max_connections_per_address) {
    if (from_address == 0) per_address_.erase(peer->first);
    return nullptr;
  }
  ++from_address;
  ++open_;
  // Not null (callers test the lease); the deleter does the work.
  return std::shared_ptr<void>(static_cast<void*>(this), [this, address = peer->first](void*) {
    std::lock_guard release(mutex_);
    --open_;
    if (auto it = per_address_.find(address); it != per_address_.end() && --it->second == 0) {
      per_address_.erase(it);
    }
  });
}

std::size_t ConnectionGuard::open_connections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

}  // namespace chorus
