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

// What the waiter handed over: the socket and how its request arrived.
struct Handed {
  std::atomic<int> fd{-1};
  std::atomic<int> arrival{-1};
  HeadWaiter::Ready receiver() {
    return [this](int handed_fd, std::shared_ptr<void>, Arrival how) {
      arrival = static_cast<int>(how);
      fd = handed_fd;
    };
  }
  bool arrived_as(Arrival how) const { return arrival.load() == static_cast<int>(how); }
  bool within(std::chrono::milliseconds wait) const {
    auto until = std::chrono::steady_clock::now() + wait;
    while (fd.load() < 0 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(5ms);
    return fd.load() >= 0;
  }
};

TEST(HeadWaiter, HandsOverOnlyAWholeHead) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 5s, 5s);
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
  HeadWaiter waiter(handed.receiver(), 300ms, 5s, 5s, 5s);
  Pair pair;
  auto token = std::make_shared<int>(1);
  waiter.wait(pair.server, token);
  EXPECT_TRUE(closed_within(pair.client, 3000ms));
  EXPECT_FALSE(handed.within(10ms));
  EXPECT_EQ(waiter.expired(), 1u);
  EXPECT_EQ(token.use_count(), 1);  // the waiter let go of it with the connection
  ::close(pair.client);
}

TEST(HeadWaiter, HandsADrippingHeadOverAsTooSlowAtTheHeadDeadline) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 300ms, 800ms, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  auto started = std::chrono::steady_clock::now();
  // A byte every 100 ms keeps it from being idle; the head never ends.
  while (!handed.within(100ms) && std::chrono::steady_clock::now() - started < 4s) {
    if (::send(pair.client, "a", 1, MSG_NOSIGNAL) != 1) break;
  }
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(handed.within(10ms));
  EXPECT_TRUE(handed.arrived_as(Arrival::too_slow));
  EXPECT_GE(elapsed, 700ms);
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(waiter.expired(), 1u);
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, WaitsForASmallBodyOfKnownLength) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("POST /v1/audio/speech HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n01234");
  EXPECT_FALSE(handed.within(300ms));  // a slow body holds no worker either
  pair.send("56789");
  ASSERT_TRUE(handed.within(2s));
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, HandsASlowSmallBodyOverAsTooSlowAtTheBodyDeadline) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 500ms, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc");
  EXPECT_FALSE(handed.within(300ms));
  ASSERT_TRUE(handed.within(2s));
  EXPECT_TRUE(handed.arrived_as(Arrival::too_slow));
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, HandsOverAsTooSlowWhenAStartedRequestPausesLongerThanTheReadTimeout) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 5s, 400ms);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc");
  auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(handed.within(3s));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);  // well before the 5 s deadlines
  EXPECT_TRUE(handed.arrived_as(Arrival::too_slow));
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, RefusesAnOverlongHeaderLineBeforeItEnds) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("GET / HTTP/1.1\r\nX-Long: " + std::string(kMaxHeaderLineBytes + 10, 'a'));
  ASSERT_TRUE(handed.within(2s));
  EXPECT_TRUE(handed.arrived_as(Arrival::header_too_large));
  ::close(pair.client);
  ::close(pair.server);
}

TEST(HeadWaiter, ClosesWhenTheClientHangsUp) {
  HeadWaiter waiter([](int, std::shared_ptr<void>, Arrival) {}, 5s, 5s, 5s, 5s);
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

TEST(RequestHeadScan, TellsWhatHasArrived) {
  EXPECT_EQ(scan_request_head("GET / HTTP/1.1\r\nHost: a\r\n", false), HeadState::incomplete);
  EXPECT_EQ(scan_request_head("GET / HTTP/1.1\r\nHost: a\r\n\r\n", false), HeadState::ready);
  EXPECT_EQ(scan_request_head("GET / HTTP/1.1\r\nBad\r\n\r\n", false), HeadState::malformed);
  const std::string post = "POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\n";
  EXPECT_EQ(scan_request_head(post + "ab", false), HeadState::awaiting_body);
  EXPECT_EQ(scan_request_head(post + "abcd", false), HeadState::ready);
  EXPECT_EQ(scan_request_head(post + "ab", true), HeadState::ready);  // more may be unpeeked
  // Bodies the worker reads under its own deadline and checks: large, chunked, 100-continue,
  // conflicting lengths.
  EXPECT_EQ(scan_request_head("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", false),
            HeadState::ready);
  EXPECT_EQ(scan_request_head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", false),
            HeadState::ready);
  EXPECT_EQ(scan_request_head(
                "POST / HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n", false),
            HeadState::ready);
  EXPECT_EQ(scan_request_head(
                "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", false),
            HeadState::ready);
  // Header lines over the limit: refused as soon as seen, complete or not.
  const std::string long_line = "X-A: " + std::string(kMaxHeaderLineBytes, 'a');
  EXPECT_EQ(scan_request_head("GET / HTTP/1.1\r\n" + long_line, false),
            HeadState::header_too_large);
  EXPECT_EQ(scan_request_head("GET / HTTP/1.1\r\n" + long_line + "\r\n\r\n", false),
            HeadState::header_too_large);
  // A head that does not end within the window.
  std::string many = "GET / HTTP/1.1\r\n";
  while (many.size() < 70000) many += "X-A: b\r\n";
  EXPECT_EQ(scan_request_head(many, true), HeadState::header_too_large);
  // A request line filling the window is the HTTP library's to refuse (414).
  EXPECT_EQ(scan_request_head("GET /" + std::string(70000, 'a'), true), HeadState::ready);
}

TEST(HeadWaiter, ReportsAMalformedHead) {
  Handed handed;
  HeadWaiter waiter(handed.receiver(), 5s, 5s, 5s, 5s);
  Pair pair;
  waiter.wait(pair.server, nullptr);
  pair.send("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n");
  ASSERT_TRUE(handed.within(2s));
  EXPECT_TRUE(handed.arrived_as(Arrival::malformed));
  ::close(pair.client);
  ::close(pair.server);
}

}  // namespace
}  // namespace chorus
