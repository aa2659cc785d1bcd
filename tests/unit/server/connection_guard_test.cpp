#include "server/connection_guard.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace chorus {
namespace {

// A loopback listener; connect() returns {client fd, server-side fd}.
class Loopback {
 public:
  Loopback() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(listener_, 16), 0);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = address.sin_port;
  }
  ~Loopback() { ::close(listener_); }

  std::pair<int, int> connect() {
    int client = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = port_;
    EXPECT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    int server = ::accept(listener_, nullptr, nullptr);
    return {client, server};
  }

 private:
  int listener_ = -1;
  in_port_t port_ = 0;
};

TEST(ConnectionGuard, CapsConnectionsPerAddressAndInTotal) {
  Loopback loopback;
  ConnectionLimits limits;
  limits.max_connections_per_address = 2;
  ConnectionGuard guard(limits);
  auto [c1, s1] = loopback.connect();
  auto [c2, s2] = loopback.connect();
  auto [c3, s3] = loopback.connect();
  auto a = guard.open(s1);
  auto b = guard.open(s2);
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
  EXPECT_FALSE(guard.open(s3));  // a third from 127.0.0.1
  a.reset();
  EXPECT_TRUE(guard.open(s3));  // a slot freed
  EXPECT_EQ(guard.open_connections(), 1u);  // the lease above was dropped at once
  for (int fd : {c1, s1, c2, s2, c3, s3}) ::close(fd);

  ConnectionLimits total;
  total.max_connections = 1;
  ConnectionGuard small(total);
  auto [c4, s4] = loopback.connect();
  auto [c5, s5] = loopback.connect();
  auto held = small.open(s4);
  EXPECT_TRUE(held);
  EXPECT_FALSE(small.open(s5));
  for (int fd : {c4, s4, c5, s5}) ::close(fd);
}

}  // namespace
}  // namespace chorus
