#include "edge_bench.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace chorus::bench {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

struct Load {
  double per_second = 0;
  double median_ms = 0;
  double p99_ms = 0;
  long failures = 0;
};

const char* kCachedSpeech =
    R"({"model":"tts-1","voice":"alloy","response_format":"wav","input":"Hello from the edge bench."})";

// `connections` clients for `seconds`, each on one kept-alive connection (or a fresh one per
// request when !keep_alive), sending GET /health or the same (cached) speech request.
Load measure(int port, int connections, double seconds, bool keep_alive, bool speech) {
  std::mutex mutex;
  std::vector<double> latencies;
  std::atomic<long> failures{0};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      std::vector<double> mine;
      auto client = std::make_unique<httplib::Client>("127.0.0.1", port);
      client->set_keep_alive(keep_alive);
      client->set_tcp_nodelay(true);  // as urllib3 and the OpenAI SDKs do
      client->set_read_timeout(10, 0);
      while (since(start) < seconds) {
        if (!keep_alive) {
          client = std::make_unique<httplib::Client>("127.0.0.1", port);
          client->set_tcp_nodelay(true);
          client->set_read_timeout(10, 0);
        }
        auto begun = Clock::now();
        auto response = speech ? client->Post("/v1/audio/speech", kCachedSpeech, "application/json")
                               : client->Get("/health");
        if (!response || response->status != 200) {
          ++failures;
          continue;
        }
        mine.push_back(since(begun) * 1000);
      }
      std::lock_guard lock(mutex);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& thread : threads) thread.join();
  return {static_cast<double>(latencies.size()) / since(start), percentile(latencies, 0.5),
          percentile(latencies, 0.99), failures.load()};
}

// Streaming speech on kept-alive connections, as a voice agent asks for it: a different sentence
// each time (no cache hit), time to the first audio byte and to the end.
struct Streaming {
  double first_byte_median_ms = 0, first_byte_p99_ms = 0, total_median_ms = 0;
  long requests = 0, failures = 0;
};

Streaming measure_streaming(int port, int connections, double seconds) {
  std::mutex mutex;
  std::vector<double> first_bytes, totals;
  std::atomic<long> failures{0};
  std::atomic<long> sequence{0};
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      std::vector<double> my_first, my_total;
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30, 0);
      while (since(start) < seconds) {
        const std::string body =
            R"({"model":"tts-1","voice":"alloy","response_format":"pcm","input":"Streaming request number )" +
            std::to_string(++sequence) + R"( reads its first audio before the rest is ready."})";
        auto begun = Clock::now();
        double first = -1;
        httplib::Request request;
        request.method = "POST";
        request.path = "/v1/audio/speech";
        request.set_header("Content-Type", "application/json");
        request.body = body;
        request.content_receiver = [&](const char*, size_t, uint64_t, uint64_t) {
          if (first < 0) first = since(begun) * 1000;
          return true;
        };
        auto response = client.send(request);
        if (!response || response->status != 200 || first < 0) {
          ++failures;
          continue;
        }
        my_first.push_back(first);
        my_total.push_back(since(begun) * 1000);
      }
      std::lock_guard lock(mutex);
      first_bytes.insert(first_bytes.end(), my_first.begin(), my_first.end());
      totals.insert(totals.end(), my_total.begin(), my_total.end());
    });
  }
  for (auto& thread : threads) thread.join();
  return {percentile(first_bytes, 0.5), percentile(first_bytes, 0.99), percentile(totals, 0.5),
          static_cast<long>(first_bytes.size()), failures.load()};
}

int open_socket(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends one GET /health on `fd` and reads its answer, leaving the connection kept alive.
bool answered_once(int fd) {
  const char* request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  if (::send(fd, request, std::strlen(request), MSG_NOSIGNAL) < 0) return false;
  std::string response;
  char buffer[4096];
  while (true) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    response.append(buffer, static_cast<std::size_t>(n));
    const std::size_t head_end = response.find("\r\n\r\n");
    const std::size_t length_at = response.find("Content-Length: ");
    if (head_end == std::string::npos || length_at == std::string::npos) continue;
    const std::size_t length = std::stoul(response.substr(length_at + 16));
    if (response.size() >= head_end + 4 + length) return response.rfind("HTTP/1.1 200", 0) == 0;
  }
}

void print(const char* name, const Load& load) {
  std::printf("%-44s %8.0f/s  median %7.2f ms  p99 %7.2f ms  failed %ld\n", name, load.per_second,
              load.median_ms, load.p99_ms, load.failures);
}

// `count` connections that send `start` and then one `byte` a second, never finishing their
// request, while 8 clients measure /health on kept-alive connections.
void with_dripping_connections(int port, int count, const char* start, char byte,
                               const char* what) {
  std::vector<int> slow;
  for (int i = 0; i < count; ++i) {
    int fd = open_socket(port);
    if (fd < 0) continue;
    ::send(fd, start, std::strlen(start), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  std::atomic<bool> stop{false};
  std::thread drip([&] {
    while (!stop) {
      for (int fd : slow) ::send(fd, &byte, 1, MSG_NOSIGNAL);
      for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  std::string name = "/health, 8 clients, " + std::to_string(slow.size()) + " " + what;
  print(name.c_str(), measure(port, 8, 3, true, false));
  stop = true;
  drip.join();
  for (int fd : slow) ::close(fd);
}

}  // namespace

void run_edge_bench(int port) {
  std::printf("\nHTTP edge (loopback, load generator on the same machine)\n");
  print("/health, 1 kept-alive connection", measure(port, 1, 3, true, false));
  print("/health, 1 connection per request", measure(port, 1, 3, false, false));
  measure(port, 1, 0.5, true, true);  // stores the cached speech entry
  print("cached speech, 8 kept-alive connections", measure(port, 8, 3, true, true));
  print("cached speech, 8 clients, connection each", measure(port, 8, 3, false, true));
  for (int connections : {1, 4}) {
    const Streaming streaming = measure_streaming(port, connections, 4);
    std::printf("streaming speech (pcm, uncached), %d kept-alive: first byte median %.1f ms, p99 "
                "%.1f ms; whole median %.1f ms; %ld requests, failed %ld\n",
                connections, streaming.first_byte_median_ms, streaming.first_byte_p99_ms,
                streaming.total_median_ms, streaming.requests, streaming.failures);
  }

  // Idle connections: 1000 opened and never used, then 1000 kept alive after one request each
  // (as a pool of idle SDK clients holds them). 8 clients' latency while they are held.
  for (bool used : {false, true}) {
    std::vector<int> idle;
    for (int i = 0; i < 1000; ++i) {
      int fd = open_socket(port);
      if (fd < 0) continue;
      if (used && !answered_once(fd)) {
        ::close(fd);
        continue;
      }
      idle.push_back(fd);
    }
    std::string name = "/health, 8 clients, " + std::to_string(idle.size()) +
                       (used ? " kept-alive idle held" : " never-used held");
    print(name.c_str(), measure(port, 8, 3, true, false));
    for (int fd : idle) ::close(fd);
  }
  // Slowloris: connections sending one header byte a second, never finishing the head.
  with_dripping_connections(port, 200, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ", 'a',
                            "slowloris");
  // Slow bodies: speech requests whose small body arrives a byte a second.
  with_dripping_connections(port, 200,
                            "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{",
                            ' ', "slow bodies");
}

}  // namespace chorus::bench
