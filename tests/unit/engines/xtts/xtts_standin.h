#pragma once
// Runs tests/fixtures/xtts_standin/server.py (a protocol-faithful stand-in for
// xtts-streaming-server) as a child process on a free loopback port.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace chorus::xtts::testing {

class StandIn {
 public:
  explicit StandIn(std::vector<std::string> args = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> argv{"/usr/bin/python3",
                                    CHORUS_SOURCE_DIR "/tests/fixtures/xtts_standin/server.py",
                                    "--port", "0"};
      argv.insert(argv.end(), args.begin(), args.end());
      std::vector<char*> raw;
      for (auto& arg : argv) raw.push_back(arg.data());
      raw.push_back(nullptr);
      execv(raw[0], raw.data());
      _exit(127);
    }
    close(out[1]);
    // The stand-in prints "listening on PORT" once its socket is bound.
    FILE* stream = fdopen(out[0], "r");
    char line[128] = {};
    if (!stream || !fgets(line, sizeof line, stream)) {
      stop();
      throw std::runtime_error("xtts stand-in did not start");
    }
    fclose(stream);
    port_ = std::stoi(std::string(line).substr(std::string("listening on ").size()));
  }
  ~StandIn() { stop(); }
  StandIn(const StandIn&) = delete;
  StandIn& operator=(const StandIn&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

  nlohmann::json stats() const {
    httplib::Client client(url());
    client.set_read_timeout(std::chrono::seconds(5));
    auto result = client.Get("/stats");
    if (!result || result->status != 200) throw std::runtime_error("stand-in /stats failed");
    return nlohmann::json::parse(result->body);
  }
  int count(const std::string& endpoint) const { return stats()["counts"].value(endpoint, 0); }

  void control(const nlohmann::json& flags) const {
    httplib::Client client(url());
    auto result = client.Post("/control", flags.dump(), "application/json");
    if (!result || result->status != 200) throw std::runtime_error("stand-in /control failed");
  }

  // True once the process has exited (after --die-mid-stream, or kill()).
  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return true;
    }
    return false;
  }

  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// A loopback URL nothing listens on: bind a socket to port 0, note the port, close it.
inline std::string unused_url() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

}  // namespace chorus::xtts::testing
