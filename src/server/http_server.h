#pragma once
// The HTTP edge: owns the cpp-httplib server, installs the routes, turns every error into
// OpenAI's error shape. Routes live in *_routes.cpp files, one group each.
#include <memory>
#include <thread>

#include "cache/result_cache.h"
#include "router/router.h"
#include "server/auth.h"
#include "server/lifecycle.h"
#include "server/server_config.h"

namespace httplib {
class Server;
}

namespace chorus {

class HttpServer {
 public:
  HttpServer(ServerConfig config, std::shared_ptr<Router> router);
  ~HttpServer();

  // Binds the socket; returns the bound port (useful with port 0). Throws on failure.
  int bind();
  // Serves until stop() is called; the cache warm-up (cache.warmup) runs meanwhile.
  void serve();
  void stop();
  // Refuses new work, lets in-flight streams finish (up to the configured grace), then stops.
  void shutdown();

  // Shared with the other edges of the process (the Wyoming listener).
  const std::shared_ptr<ResultCache>& cache() const { return cache_; }
  const std::shared_ptr<Lifecycle>& lifecycle() const { return lifecycle_; }

 private:
  ServerConfig config_;
  std::shared_ptr<Router> router_;
  std::unique_ptr<httplib::Server> http_;
  std::shared_ptr<Lifecycle> lifecycle_;
  std::shared_ptr<AccessControl> access_;
  std::shared_ptr<ResultCache> cache_;  // null when cache.enabled is false
  std::thread warmup_;
};

}  // namespace chorus
