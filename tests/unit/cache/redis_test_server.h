#pragma once
// A real redis-server for the cache tests: started on a free loopback port (and a Unix socket)
// in a temporary directory, with persistence off, and stopped by the destructor, so it goes
// away when a test fails too; PR_SET_PDEATHSIG ends it if the test binary itself dies.
// A missing redis-server binary is an error (the test fails), never a skip.
#include <sys/types.h>

#include <string>
#include <vector>

namespace chorus::testing {

class RedisTestServer {
 public:
  // extra_args: more redis-server options, e.g. {"--requirepass", "secret"}.
  explicit RedisTestServer(std::vector<std::string> extra_args = {});
  ~RedisTestServer();
  RedisTestServer(const RedisTestServer&) = delete;
  RedisTestServer& operator=(const RedisTestServer&) = delete;

  // Empty when the server is running; else why it could not start (the test should fail).
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
  std::string socket_path() const { return dir_ + "/redis.sock"; }

  void stop();          // SIGTERM, then SIGKILL after 5 s
  bool start();         // on the same port and directory; false (and error()) on failure
  void pause();         // SIGSTOP: connections are accepted by the kernel, nothing answers
  void resume();        // SIGCONT

 private:
  bool wait_for_pong();

  std::vector<std::string> extra_args_;
  std::string dir_;
  std::string error_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A loopback TCP port nothing listens on at the moment of the call.
int free_loopback_port();

}  // namespace chorus::testing
