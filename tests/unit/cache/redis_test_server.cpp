#include "redis_test_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace chorus::testing {
namespace {

std::string find_redis_server() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  dirs += ":/usr/bin:/usr/sbin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/redis-server";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

RedisTestServer::RedisTestServer(std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "chorus-redis-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) {
    error_ = "cannot create a temporary directory";
    return;
  }
  dir_ = pattern;
  port_ = free_loopback_port();
  start();
}

RedisTestServer::~RedisTestServer() {
  stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

bool RedisTestServer::start() {
  if (pid_ > 0) return true;
  const std::string binary = find_redis_server();
  if (binary.empty()) {
    error_ = "redis-server not found on PATH: install Debian's redis-server package "
             "(scripts/install-deps.sh does)";
    return false;
  }
  std::vector<std::string> args = {binary,          "--port",       std::to_string(port_),
                                   "--bind",        "127.0.0.1",    "--save",
                                   "",              "--appendonly", "no",
                                   "--dir",         dir_,           "--unixsocket",
                                   socket_path(),   "--unixsocketperm", "700",
                                   "--daemonize",   "no",           "--logfile",
                                   dir_ + "/redis.log"};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  // Everything the child needs is allocated before fork (only async-signal-safe calls after).
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  if (pid_ < 0) {
    error_ = "fork failed";
    return false;
  }
  if (!wait_for_pong()) {
    stop();
    return false;
  }
  error_.clear();
  return true;
}

bool RedisTestServer::wait_for_pong() {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error_ = "redis-server exited at start (see its log in " + dir_ + "/redis.log)";
      return false;
    }
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port_));
    bool pong = false;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
      timeval timeout{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
      const char ping[] = "PING\r\n";
      char reply[64] = {};
      if (::send(fd, ping, sizeof(ping) - 1, MSG_NOSIGNAL) == sizeof(ping) - 1) {
        ssize_t got = ::recv(fd, reply, sizeof(reply) - 1, 0);
        // With --requirepass the answer is -NOAUTH: the server is up all the same.
        pong = got > 0 && (std::string(reply).rfind("+PONG", 0) == 0 ||
                           std::string(reply).rfind("-NOAUTH", 0) == 0);
      }
    }
    ::close(fd);
    if (pong) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  error_ = "redis-server did not answer PING within 10 s on port " + std::to_string(port_);
  return false;
}

void RedisTestServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGCONT);  // a paused server cannot act on SIGTERM
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

void RedisTestServer::pause() {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void RedisTestServer::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
}

}  // namespace chorus::testing
