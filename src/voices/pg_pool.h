#pragma once
// A small pool of PostgreSQL connections. At most `size` are open; a caller beyond that waits
// (up to 10 s, then VoiceStoreUnavailable). A connection found broken is dropped together with
// every idle one (a restarted server has killed them all) and new ones are made on the next
// use, so the store reconnects by itself after the database restarts.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "voices/pg_connection.h"

namespace chorus::voices {

class PgPool {
 public:
  // `on_connect` runs on every new connection before its first use (schema migration).
  PgPool(std::string url, std::size_t size, std::function<void(PgConnection&)> on_connect);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs `work` on a pooled connection. When a connection that sat idle turns out to be dead
  // (VoiceStoreUnavailable on it), `work` runs once more on a fresh one: statements that fail
  // that way never reached a live server.
  void run(const std::function<void(PgConnection&)>& work);


 private:
  std::unique_ptr<PgConnection> take(bool& reused);
  void release(std::unique_ptr<PgConnection> connection);

  std::string url_;
  std::size_t size_;
  std::function<void(PgConnection&)> on_connect_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;  // idle + taken + being made
};

}  // namespace chorus::voices
