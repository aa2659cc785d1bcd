#pragma once
// Starts `chorus serve` as a child process on a free loopback port for benchmarking over HTTP.
#include <string>
#include <sys/types.h>

namespace chorus::bench {

class ServerProcess {
 public:
  ServerProcess(const std::string& binary, const std::string& extra_args = "");
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Peak resident set size of the server so far, in MiB (VmHWM).
  double peak_rss_mib() const;
  double rss_mib() const;

 private:
  pid_t pid_ = -1;
  int port_ = -1;
};

}  // namespace chorus::bench
