#pragma once
// Caps on open connections, in total and per client address (the request head deadline is
// HeadWaiter's).
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace chorus {

struct ConnectionLimits {
  std::size_t max_connections = 4096;  // open at once, all clients
  std::size_t max_connections_per_address = 1024;
};

class ConnectionGuard {
 public:
  explicit ConnectionGuard(ConnectionLimits limits) : limits_(limits) {}

  // Registers the accepted socket `fd`; the returned lease unregisters it when destroyed.
  // Returns nullptr when a cap is reached (the caller answers 503 and closes).
  std::shared_ptr<void> open(int fd);
  std::size_t open_connections() const;

 private:
  ConnectionLimits limits_;
  mutable std::mutex mutex_;
  std::size_t open_ = 0;
  std::map<std::string, std::size_t> per_address_;
};

// The peer of a connected socket as the HTTP library reports it (numeric address, port).
std::optional<std::pair<std::string, int>> peer_of(int fd);

}  // namespace chorus
