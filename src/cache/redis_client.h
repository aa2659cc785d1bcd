#pragma once
// A small pool of blocking hiredis connections to one Redis server, built so that a Redis that
// is down, slow or misbehaving costs its callers little: every connect and command is bounded
// by a short timeout, and after a failure no caller tries again until a back-off delay has
// passed (doubling up to a cap, reset by the first success). When the delay is over, one caller
// probes while the others still skip. Thread-safe: each command borrows a connection of its own.
#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "cache/redis_endpoint.h"

namespace chorus {

struct RedisClientOptions {
  RedisEndpoint endpoint;
  std::chrono::milliseconds timeout{100};  // to connect, and for each command's reply
  std::chrono::milliseconds min_backoff{250};
  std::chrono::milliseconds max_backoff{10000};
  std::size_t max_idle = 8;  // connections kept open between commands
};

// A reply, reduced to what the cache needs.
struct RedisReply {
  enum class Kind { kString, kStatus, kInteger, kNil, kError, kOther };
  Kind kind = Kind::kOther;
  std::string text;  // kString, kStatus, kError
  long long integer = 0;
};

struct RedisResult {
  enum class Outcome {
    kReplied,  // the server answered (an error reply too: see reply.kind)
    kSkipped,  // not tried: Redis failed recently and the back-off delay has not passed
    kFailed,   // could not connect, timed out, or the connection broke
  };
  Outcome outcome = Outcome::kFailed;
  RedisReply reply;
  std::string error;  // for kFailed
};

class RedisClient {
 public:
  explicit RedisClient(RedisClientOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Arguments are sent as binary-safe bulk strings.
  RedisResult command(std::initializer_list<std::string_view> args);

  struct Status {
    std::string state;       // "up", "down" (backing off) or "unknown" (nothing tried yet)
    std::string last_error;  // of the last failure, empty if none
    double retry_in_seconds = 0;  // when down: until the next attempt
  };
  Status status() const;
  const RedisEndpoint& endpoint() const { return options_.endpoint; }

 private:
  struct Connection;
  struct ConnectionDeleter {
    void operator()(Connection* connection) const;
  };
  using ConnectionPtr = std::unique_ptr<Connection, ConnectionDeleter>;
  using Clock = std::chrono::steady_clock;

  ConnectionPtr connect(std::string& error) const;
  // Sends the command on `connection`; on failure frees it and returns false with `error` set
  // and `retryable` true when a fresh connection may succeed (the server closed this one).
  bool run(ConnectionPtr& connection, const std::vector<const char*>& argv,
           const std::vector<std::size_t>& lengths, RedisReply& reply, std::string& error,
           bool& retryable) const;
  void succeeded(ConnectionPtr connection);
  void failed(const std::string& error);

  const RedisClientOptions options_;
  mutable std::mutex mutex_;
  std::vector<ConnectionPtr> idle_;
  enum class State { kUnknown, kUp, kDown } state_ = State::kUnknown;
  Clock::time_point retry_at_{};
  std::chrono::milliseconds backoff_{0};
  bool probing_ = false;  // one caller is trying Redis again after a back-off
  std::string last_error_;
};

}  // namespace chorus
