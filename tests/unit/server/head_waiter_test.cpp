// HeadWaiter: a connection reaches a worker only with a whole request head; idle connections and
// heads that never finish are closed at their deadlines without ever reaching one.
#include "server/head_waiter.h"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace chorus {
namespace {

using namespace std::chrono_literals;

struct Pair {
  int client = -1;
  int server = -1;
  Pair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    client = fds[0];
    server = fds[1];
  }
  void send(const std::string& text) const {
    ASSERT_EQ(::send(client, text.data(), text.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(text.size()));
  }
};

// True when the other end of `fd` was closed within `wait`.
bool closed_within(int fd, std::chrono::milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
  char byte;
  return ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
}

struct Handed {
  std::atomic<int> fd{-1};
  bool within(std::chrono::milliseconds wait) const {
    auto until = std::chrono::steady_clock::now() + wait;
    while (fd.load() < 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(5ms);
    return fd.load() >= 0;
  }
};

TEST(HeadWaiter, HandsOverOnlyAWholeHead) {
  Handed handed;
  HeadWaiter waiter([&](int fd, std::shared_ptr<void>, bool) { handed.fd = fd; }, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("GET / HTTP/1.1\r\nHost: a\r\n");
  EXPECT_FALSE(handed.within(300ms));
  pair.send("\r\n");
  ASSERT_TRUE(handed.within(2s));
  EXPECT_EQ(handed.fd.load(), pair.server);
  // The head is still in the socket for the HTTP library to read.
  char buffer[64];
  EXPECT_EQ(::recv(pair.server, buffer, sizeof buffer, 0), 27);
  EXPECT_EQ(waiter.waiting(), 0u);
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, ClosesAnIdleConnectionAfterTheIdleTimeout) {
  Handed handed;
  HeadWaiter waiter([&](int fd, std::shared_ptr<void>, bool) { handed.fd = fd; }, 300ms, 5s);
  Pair pair;
  auto token = std::make_shared<int>(1);
  waiter.wait(pair.server, token);
  EXPECT_TRUE(closed_within(pair.client, 3000ms));
  EXPECT_FALSE(handed.within(10ms));
  EXPECT_EQ(waiter.expired(), 1u);
  EXPECT_EQ(token.use_count(), 1);  // the waiter let go of it with the connection
  ::close(pair.client);
}

TEST(HeadWaiter, ClosesADrippingHeadAtTheHeadDeadline) {
  Handed handed;
  HeadWaiter waiter([&](int fd, std::shared_ptr<void>, bool) { handed.fd = fd; }, 300ms, 800ms);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  auto started = std::chrono::steady_clock::now();
  bool closed = false;
  // A byte every 100 ms keeps it from being idle; the head never ends.
  while (!closed && std::chrono::steady_clock::now() - started < 4s) {
    if (::send(pair.client, "a", 1, MSG_NOSIGNAL) != 1) break;
    closed = closed_within(pair.client, 100ms);
  }
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_GE(elapsed, 700ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_FALSE(handed.within(10ms));
  ::close(pair.client);
}

TEST(HeadWaiter, ClosesWhenTheClientHangsUp) {
  HeadWaiter waiter([](int, std::shared_ptr<void>, bool) {}, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  ::close(pair.client);
  auto until = std::chrono::steady_clock::now() + 2s;
  while (waiter.waiting() > 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(waiter.waiting(), 0u);
}

TEST(HeadWaiter, HeaderLinesMustBeNameColonValue) {
  EXPECT_TRUE(header_lines_well_formed("GET / HTTP/1.1\r\nHost: a\r\nX-A:b\r\n\r\nbody"));
  EXPECT_TRUE(header_lines_well_formed("GET / HTTP/1.1\nHost: a\n\n"));
  EXPECT_FALSE(header_lines_well_formed("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"));
  EXPECT_FALSE(header_lines_well_formed("GET / HTTP/1.1\r\nHost : a\r\n\r\n"));
  EXPECT_FALSE(header_lines_well_formed("GET / HTTP/1.1\r\nX-A: b\r\n folded\r\n\r\n"));
  EXPECT_FALSE(header_lines_well_formed("GET / HTTP/1.1\r\n: empty name\r\n\r\n"));
}

TEST(HeadWaiter, ReportsAMalformedHead) {
  std::atomic<int> malformed{-1};
  HeadWaiter waiter([&](int, std::shared_ptr<void>, bool bad) { malformed = bad ? 1 : 0; }, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n");
  auto until = std::chrono::steady_clock::now() + 2s;
  while (malformed.load() < 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(malformed.load(), 1);
  ::close(pair.client);
  ::close(pair.server);
}

}  // namespace
}  // namespace chorus
