#include "server/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <stdexcept>

#include "core/metrics.h"
#include "pipeline/cache_warmup.h"
#include "server/access_log.h"
#include "server/body_limits.h"
#include "server/connection_guard.h"
#include "server/connection_stream.h"
#include "server/error_response.h"
#include "server/head_waiter.h"
#include "server/request_guard.h"
#include "server/route_table.h"
#include "server/routes.h"

namespace chorus {
namespace {

// Set by close_after_response() on the worker answering a request; ListeningServer::serve()
// then closes the connection: after a malformed or refused request, whatever follows on it
// (an unread body, the rest of an overlong line) must not be parsed as the next request.
thread_local bool t_close_connection = false;
// The connection the worker is answering on (for a chunked body's read budget).
thread_local ConnectionStream* t_stream = nullptr;

// How long a worker waits for a kept-alive connection's next request before parking it.
constexpr std::chrono::milliseconds kKeepAliveLinger{2};

// Chunk-size lines and trailers around a chunked body's data.
constexpr std::size_t kChunkFramingAllowance = 64 * 1024;

void close_after_response(httplib::Response& res) {
  res.set_header("Connection", "close");
  t_close_connection = true;
}

}  // namespace

// cpp-httplib's request parsing and routing, under connection handling of our own. The packaged
// library serves each connection on one worker thread from accept to close, so idle and slow
// clients each hold a worker (and it drops pipelined requests with its per-request stream).
// Here an accepted connection is counted against the caps (ConnectionGuard), then waits in one
// epoll thread until a whole request head has arrived (HeadWaiter); only then does a worker
// parse and answer it, and between kept-alive requests the connection goes back to waiting.
// The listen backlog (5 in the packaged build) is raised by listening again on the bound socket.
class ListeningServer : public httplib::Server {
 public:
  struct Timeouts {
    std::chrono::milliseconds read, write, idle, head, body;
  };

  ListeningServer(ConnectionLimits limits, std::size_t workers, Timeouts timeouts)
      : timeouts_(timeouts),
        guard_(limits),
        workers_(std::make_unique<httplib::ThreadPool>(workers)),
        waiter_(std::in_place,
                [this](int fd, std::shared_ptr<void> connection, Arrival arrival) {
                  if (arrival != Arrival::whole) {
                    reject(fd, refusal(arrival));
                    return;
                  }
                  auto open = std::static_pointer_cast<OpenConnection>(std::move(connection));
                  workers_->enqueue([this, open] { serve(open); });
                },
                timeouts.idle, timeouts.head, timeouts.body, timeouts.read) {
    // httplib's own pool only hands accepted sockets to the waiter: that takes no time.
    new_task_queue = [] { return new httplib::ThreadPool(2); };
  }
  ~ListeningServer() override {
    workers_->shutdown();  // joins: requests being answered finish first
    waiter_.reset();       // closes the connections still waiting
  }
  void set_listen_backlog(int backlog) { ::listen(svr_sock_, backlog); }

 private:
  struct OpenConnection {
    int fd;
    std::shared_ptr<void> lease;  // counted by guard_ while open
    ConnectionStream stream;
  };

  // Runs on httplib's pool right after accept (httplib calls this virtual for every connection).
  bool process_and_close_socket(socket_t sock) override {
    auto lease = guard_.open(sock);
    if (!lease) {
      refuse(sock);
      return false;
    }
    auto open = std::make_shared<OpenConnection>(
        OpenConnection{sock, std::move(lease),
                       ConnectionStream(sock, timeouts_.read, timeouts_.write)});
    waiter_->wait(sock, std::move(open));
    return true;
  }

  // Answers requests while their heads are already here (pipelined), then parks the connection
  // again, or closes it.
  void serve(const std::shared_ptr<OpenConnection>& open) {
    while (is_running()) {
      open->stream.set_read_deadline(std::chrono::steady_clock::now() + timeouts_.body);
      bool closed = false;
      t_close_connection = false;
      t_stream = &open->stream;
      bool ok = process_request(open->stream, false, closed, nullptr);
      t_stream = nullptr;
      open->stream.set_read_deadline(std::nullopt);
      open->stream.set_read_budget(std::nullopt);
      if (!ok || closed || t_close_connection || !is_running()) break;
      if (!open->stream.has_buffered() && !next_request_soon(open->fd)) {
        waiter_->wait(open->fd, open);
        return;
      }
      // A pipelined request: its head gets the checks HeadWaiter gives a first one.
      if (auto arrival = pipelined_arrival(*open); arrival != Arrival::whole) {
        answer(open->fd, refusal(arrival));
        break;
      }
    }
    ::shutdown(open->fd, SHUT_RDWR);
    ::close(open->fd);
  }

  // A kept-alive client usually sends its next request right after reading the answer: waiting
  // briefly for it here saves the hop through the epoll thread and the worker queue (measured in
  // bench/edge_bench.cpp). Only a whole head is answered here; anything else goes back to waiting.
  static bool next_request_soon(int fd) {
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(kKeepAliveLinger.count())) != 1) return false;
    if (!(readable.revents & POLLIN)) return false;
    std::string bytes(kMaxHeaderLineBytes, '\0');
    ssize_t n = ::recv(fd, bytes.data(), bytes.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n <= 0) return false;
    bytes.resize(static_cast<std::size_t>(n));
    return scan_request_head(bytes, false) == HeadState::ready;
  }

  static void refuse(socket_t sock) {
    reject(sock, ApiError(503, "Too many open connections; retry shortly.", "server_error", {},
                          "too_many_connections"));
  }

  static ApiError refusal(Arrival arrival) {
    switch (arrival) {
      case Arrival::malformed:
        return ApiError::invalid("Malformed header line (RFC 9112: a line without a colon, "
                                 "whitespace before the colon or a folded line).",
                                 {}, "malformed_request");
      case Arrival::header_too_large:
        return ApiError(431,
                        "The request headers are too large: a header line is longer than " +
                            std::to_string(kMaxHeaderLineBytes) +
                            " bytes, or the head does not end within 64 KiB.",
                        "invalid_request_error", {}, "headers_too_large");
      case Arrival::too_slow:
        return ApiError(408, "The request took too long to arrive (limits.head_timeout_s, "
                             "limits.body_timeout_s).",
                        "invalid_request_error", {}, "request_timeout");
      case Arrival::whole: break;
    }
    return ApiError::server("Internal error.", "internal_error");
  }

  // What the next pipelined request looks like: the bytes the stream has buffered, followed by
  // whatever is waiting in the socket.
  static Arrival pipelined_arrival(OpenConnection& open) {
    std::string bytes(open.stream.buffered());
    std::string more(64 * 1024, '\0');
    ssize_t n = ::recv(open.fd, more.data(), more.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n > 0) bytes.append(more.data(), static_cast<std::size_t>(n));
    switch (scan_request_head(bytes, false)) {
      case HeadState::malformed: return Arrival::malformed;
      case HeadState::header_too_large: return Arrival::header_too_large;
      default: return Arrival::whole;  // the worker reads the rest under its deadlines
    }
  }

  static const char* reason_phrase(int status) {
    switch (status) {
      case 400: return "Bad Request";
      case 408: return "Request Timeout";
      case 431: return "Request Header Fields Too Large";
      case 503: return "Service Unavailable";
      default: return "Error";
    }
  }

  // Answers `error` on a connection no worker reads, best effort and never blocking (the client
  // may not even read), and shuts it down.
  static void answer(socket_t sock, const ApiError& error) {
    const std::string body = error_json(error);
    std::string response = "HTTP/1.1 " + std::to_string(error.status()) + " " +
                           reason_phrase(error.status()) +
                           "\r\nContent-Type: application/json\r\n";
    if (error.status() == 503) response += "Retry-After: 1\r\n";
    response += "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
    (void)::send(sock, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(sock, SHUT_RDWR);
  }
  static void reject(socket_t sock, const ApiError& error) {
    answer(sock, error);
    ::close(sock);
  }

  Timeouts timeouts_;
  ConnectionGuard guard_;
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::optional<HeadWaiter> waiter_;
};

namespace {

ConnectionLimits connection_limits(const ServerConfig& config) {
  ConnectionLimits limits;
  limits.max_connections = config.edge.max_connections;
  limits.max_connections_per_address = config.edge.max_connections_per_address;
  return limits;
}

// Every admitted or queued request holds a worker thread, plus headroom for cheap routes
// (health, voices) and for answering 429 quickly when everything else is busy. Connections
// still sending their first request head hold none (HeadWaiter).
std::size_t worker_threads(const ServerConfig& config, const Router& router) {
  if (config.http_threads) return config.http_threads;
  const auto& limits = config.router.admission;
  std::size_t engines = router.engines().engines().size();
  return engines * (limits.max_active + limits.max_queued) + 8;
}

RequestHead head_of(const httplib::Request& req) {
  RequestHead head{req.method, req.path, {}};
  head.headers.reserve(req.headers.size());
  for (const auto& [name, value] : req.headers) {
    // httplib adds these itself; they were not sent by the client.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    head.headers.emplace_back(name, value);
  }
  return head;
}

}  // namespace

HttpServer::HttpServer(ServerConfig config, std::shared_ptr<Router> router)
    : config_(std::move(config)), router_(std::move(router)),
      http_(std::make_unique<ListeningServer>(
          connection_limits(config_), worker_threads(config_, *router_),
          ListeningServer::Timeouts{std::chrono::seconds(config_.read_timeout_seconds),
                                    std::chrono::seconds(config_.write_timeout_seconds),
                                    std::chrono::seconds(config_.idle_timeout_seconds),
                                    std::chrono::seconds(config_.edge.head_timeout_seconds),
                                    std::chrono::seconds(config_.edge.body_timeout_seconds)})),
      lifecycle_(std::make_shared<Lifecycle>()),
      access_(std::make_shared<AccessControl>(config_.access)),
      cache_(config_.cache.enabled ? std::make_shared<ResultCache>(config_.cache) : nullptr) {
  std::vector<std::string> engine_names;
  for (const auto& engine : router_->engines().engines()) {
    engine_names.push_back(engine->info().name);
  }
  Metrics::instance().declare_engines(engine_names);
  auto& http = *http_;
  // Without TCP_NODELAY, the last small write of a response on a kept-alive connection waits for
  // the client's delayed ACK (Nagle's algorithm): ~40 ms per request.
  http.set_tcp_nodelay(true);
  http.set_payload_max_length(largest_body_limit(config_));  // per-route limits: body_limits.h
  // The read, write, idle, head and body timeouts and keep-alive are ListeningServer's (above).

  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                std::exception_ptr error) {
    try {
      std::rethrow_exception(error);
    } catch (const ApiError& api_error) {
      send_error(res, api_error);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled error: {}", req.method, req.path, e.what());
      send_error(res, ApiError::server("Internal error: " + std::string(e.what()), "internal_error"));
    } catch (...) {
      send_error(res, ApiError::server("Internal error.", "internal_error"));
    }
  });
  // Errors httplib raises itself (no route, body too large, bad request line) get the same shape.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    switch (res.status) {
      case 404:
        send_error(res, ApiError(404, "Unknown route: " + req.method + " " + req.path + ".",
                                 "invalid_request_error", {}, "unknown_route"));
        break;
      case 413:
        send_error(res, ApiError(413, "The request body is too large.", "invalid_request_error",
                                 {}, "request_too_large"));
        break;
      case 400:
        close_after_response(res);
        if (t_stream && t_stream->over_budget()) {
          send_error(res, ApiError(413, "The request body is too large.", "invalid_request_error",
                                   {}, "request_too_large"));
          break;
        }
        send_error(res, ApiError(400,
                                 "Malformed request: the request line or a header is invalid, or a "
                                 "line is longer than 8192 bytes.",
                                 "invalid_request_error", {}, "malformed_request"));
        break;
      case 414:
        close_after_response(res);
        send_error(res, ApiError(414, "The request target is too long.", "invalid_request_error",
                                 {}, "uri_too_long"));
        break;
      default:
        send_error(res, ApiError(res.status, "HTTP error " + std::to_string(res.status) + ".",
                                 res.status >= 500 ? "server_error" : "invalid_request_error", {},
                                 res.status >= 500 ? "server_error" : "http_error"));
    }
  });
  bool json_log = config_.log_json;
  http.set_logger([json_log](const httplib::Request& req, const httplib::Response& res) {
    log_access(req, res, json_log);
  });
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    mark_request_start();
    const RequestHead head = head_of(req);
    auto refuse = [&res](const ApiError& error) {
      send_error(res, error);
      // The unread body (if any) must not be parsed as the next request.
      if (error.status() != 405 && error.status() != 404) close_after_response(res);
      return httplib::Server::HandlerResponse::Handled;
    };
    if (auto error = check_header_limits(head, config_.edge)) return refuse(*error);
    if (auto error = check_framing(head)) return refuse(*error);
    const bool open_server = !access_->enabled();
    if (open_server) {
      if (auto error = check_host(head, config_.host, config_.edge)) return refuse(*error);
    }
    if (auto origin = cors_allow_origin(head, config_.edge)) {
      res.set_header("Access-Control-Allow-Origin", *origin);
      res.set_header("Access-Control-Expose-Headers", cors_exposed_headers());
      if (*origin != "*") res.set_header("Vary", "Origin");
    }
    auto allow = allowed_methods(req.path);
    if (!allow) {
      return refuse(ApiError(404, "Unknown route: " + req.method + " " + req.path + ".",
                             "invalid_request_error", {}, "unknown_route"));
    }
    if (req.method == "OPTIONS") {
      // A CORS preflight or a plain capability query: the methods, and what a page may send.
      res.status = 204;
      res.set_header("Allow", *allow);
      if (res.has_header("Access-Control-Allow-Origin")) {
        res.set_header("Access-Control-Allow-Methods", *allow);
        res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
      }
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!method_allowed(*allow, req.method)) {
      res.set_header("Allow", *allow);
      return refuse(ApiError(405,
                             "Method " + req.method + " is not allowed on " + req.path +
                                 "; allowed: " + *allow + ".",
                             "invalid_request_error", {}, "method_not_allowed"));
    }
    if (open_server) {
      if (auto error = check_cross_site(head, config_.edge)) return refuse(*error);
    }
    if (lifecycle_->draining() && req.path != "/health") {
      close_after_response(res);
      send_error(res, ApiError(503, "The server is shutting down.", "server_error", {},
                               "shutting_down")
                          .with_retry_after(5));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (t_stream && req.has_header("Transfer-Encoding")) {
      // Its size is unknown until it has been read: counted as it arrives instead.
      t_stream->set_read_budget(body_limit(req, config_) + kChunkFramingAllowance);
    }
    if (auto too_large = body_limit_error(req, config_)) {
      send_error(res, *too_large);
      close_after_response(res);  // the unread body must not be parsed as a request
      return httplib::Server::HandlerResponse::Handled;
    }
    return access_->admit(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                    : httplib::Server::HandlerResponse::Handled;
  });

  install_speech_routes(http, config_, router_, lifecycle_, access_, cache_);
  install_catalog_routes(http, router_, cache_);
  install_web_routes(http);
  install_metrics_routes(http, router_, lifecycle_);
  install_text_routes(http, config_, router_->server_lexicon());
  install_voice_routes(http, config_, router_);
  install_watermark_routes(http, config_);
}

HttpServer::~HttpServer() {
  lifecycle_->start_draining();  // stops a warm-up still running
  if (warmup_.joinable()) warmup_.join();
}

int HttpServer::bind() {
  int port = config_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(config_.host);
  } else if (!http_->bind_to_port(config_.host, port)) {
    port = -1;
  }
  if (port < 0) {
    throw std::runtime_error("cannot listen on " + config_.host + ":" +
                             std::to_string(config_.port) + " (address in use or not available)");
  }
  static_cast<ListeningServer&>(*http_).set_listen_backlog(config_.edge.listen_backlog);
  return port;
}

void HttpServer::serve() {
  if (!cache_ && !config_.cache.warmup.empty()) {
    spdlog::warn("cache.warmup ignored: the cache is disabled (cache.enabled = false)");
  }
  if (cache_ && !config_.cache.warmup.empty()) {
    lifecycle_->set_warming_up(true);
    warmup_ = std::thread([this] {
      warm_up_cache(*router_, cache_, config_.cache.warmup,
                    [this] { return lifecycle_->draining(); });
      lifecycle_->set_warming_up(false);
    });
  }
  http_->listen_after_bind();
}

void HttpServer::stop() { http_->stop(); }

void HttpServer::shutdown() {
  lifecycle_->start_draining();
  auto in_flight = lifecycle_->in_flight();
  if (in_flight > 0) {
    spdlog::info("draining: waiting up to {} s for {} stream(s)", config_.shutdown_grace_seconds,
                 in_flight);
  }
  if (!lifecycle_->wait_idle(std::chrono::seconds(config_.shutdown_grace_seconds))) {
    spdlog::warn("drain deadline reached with {} stream(s) still open", lifecycle_->in_flight());
  }
  http_->stop();
}

}  // namespace chorus
