#pragma once
// The Wyoming listener (Home Assistant's protocol for local voice services): a TCP acceptor on
// one I/O thread (Boost.Asio), one Session per connection, sharing the router, engines, cache,
// admission and metrics with the HTTP edge of the same process.
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (C++20).
#include <utility>
// clang-format off
#include <boost/asio.hpp>
// clang-format on
#include <memory>
#include <thread>
#include <vector>

#include "wyoming/wyoming_config.h"
#include "wyoming/wyoming_services.h"

namespace chorus::wyoming {

class Session;
class WorkerCount;

class WyomingServer {
 public:
  WyomingServer(WyomingConfig config, Services services);
  ~WyomingServer();
  WyomingServer(const WyomingServer&) = delete;
  WyomingServer& operator=(const WyomingServer&) = delete;

  // Binds the socket; returns the bound port (useful with port 0). Throws on failure.
  int bind();
  // Accepts connections on a thread of its own until stop().
  void start();
  // Closes the listener and every connection (cancelling their synthesis), then joins.
  void stop();

 private:
  void accept();

  WyomingConfig config_;
  Services services_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<WorkerCount> workers_;
  std::vector<std::weak_ptr<Session>> sessions_;  // I/O thread only
  std::thread thread_;
  bool stopped_ = false;
};

}  // namespace chorus::wyoming
