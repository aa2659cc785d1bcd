#pragma once
// httplib's Stream over one connection, kept for the connection's whole life (httplib makes a
// new one per request and so loses pipelined bytes it had buffered). Reads are buffered and time
// out per pause (read timeout) and per request (a deadline the server sets when a request
// starts, bounding a slow body); writes time out per stall.
#include <httplib.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace chorus {

class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(int fd, std::chrono::milliseconds read_timeout,
                   std::chrono::milliseconds write_timeout);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

  // Bytes already received and not yet read: the next pipelined request.
  bool has_buffered() const { return begin_ < end_; }
  std::string_view buffered() const { return {buffer_ + begin_, end_ - begin_}; }
  // Reads beyond `bytes` more fail (a chunked body over its limit); nullopt = no budget.
  void set_read_budget(std::optional<std::size_t> bytes) {
    budget_ = bytes;
    over_budget_ = false;
  }
  bool over_budget() const { return over_budget_; }
  // Reads after `deadline` fail (the request is taking too long to arrive); nullopt = none.
  void set_read_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    deadline_ = deadline;
  }

 private:
  bool wait_readable() const;

  int fd_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::optional<std::size_t> budget_;
  bool over_budget_ = false;
  char buffer_[16 * 1024];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace chorus
