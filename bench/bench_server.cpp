#include "bench_server.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace chorus::bench {

ServerProcess::ServerProcess(const std::string& binary, const std::string& extra_args) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    std::string command = "exec '" + binary + "' serve --port 0 " + extra_args;
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipe_fds[1]);
  FILE* log = fdopen(pipe_fds[0], "r");
  char line[4096];
  while (port_ < 0 && std::fgets(line, sizeof line, log)) {
    std::string text(line);
    auto at = text.find("listening on http://");
    if (at != std::string::npos) port_ = std::stoi(text.substr(text.rfind(':') + 1));
  }
  if (port_ < 0) throw std::runtime_error("chorus serve did not start");
  // Keep draining the log so the server never blocks on a full pipe.
  std::thread([log] {
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, log)) {
    }
    std::fclose(log);
  }).detach();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

static double status_field_mib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream in(line.substr(field.size() + 1));
      double kib = 0;
      in >> kib;
      return kib / 1024.0;
    }
  }
  return 0;
}

double ServerProcess::peak_rss_mib() const { return status_field_mib(pid_, "VmHWM"); }
double ServerProcess::rss_mib() const { return status_field_mib(pid_, "VmRSS"); }

}  // namespace chorus::bench
