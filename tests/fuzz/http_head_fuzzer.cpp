// Fuzz target: the server's edge, fed the raw bytes a client sends on one connection. They go
// the way a connection's bytes go in the server:
//  1. HeadWaiter's look at the buffered bytes (scan_request_head): is the head complete, are its
//     header lines well-formed and short enough (else 400 / 431 before any parsing);
//  2. ConnectionStream (over a socket pair holding the bytes) under cpp-httplib's request
//     parsing, requests answered one after another while pipelined bytes remain (as
//     ListeningServer::serve does), a chunked body counted against its read budget;
//  3. our checks on each parsed head, in the order the pre-routing handler runs them: header
//     limits, framing (Content-Length / Transfer-Encoding), Host allow-list, CORS, the route
//     table's methods, cross-site refusal, the per-route body limit.
// Besides crashes and sanitizer reports, a failure is: a check answering with a status it does
// not document, or a body reaching a route above that route's limit.
//
// Debian's cpp-httplib is a prebuilt shared library: it runs here but is not instrumented, so
// coverage guidance and the sanitizers' bounds checks cover our code only.
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/api_error.h"
#include "server/body_limits.h"
#include "server/connection_stream.h"
#include "server/request_head_scan.h"
#include "server/request_guard.h"
#include "server/route_table.h"
#include "server/server_config.h"

namespace {

using namespace chorus;

void check(bool ok) {
  if (!ok) std::abort();
}

// Small limits, so inputs of a few kilobytes reach every refusal.
ServerConfig fuzz_config() {
  ServerConfig config;
  config.host = "127.0.0.1";
  config.max_body_bytes = 1024;
  config.max_upload_bytes = 2048;
  config.edge.max_header_count = 12;
  config.edge.max_header_bytes = 1024;
  config.edge.allowed_hosts = {"tts.example"};
  config.edge.cors_origins = {"https://app.example"};
  return config;
}

// What the server's head_of() builds: the headers as the client sent them.
RequestHead head_of(const httplib::Request& req) {
  RequestHead head{req.method, req.path, {}};
  for (const auto& [name, value] : req.headers) {
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    head.headers.emplace_back(name, value);
  }
  return head;
}

// Chunk-size lines and trailers allowed around a chunked body (smaller than the server's, so the
// budget is reached by small inputs).
constexpr std::size_t kChunkFramingAllowance = 256;

thread_local ConnectionStream* t_stream = nullptr;

class EdgeServer : public httplib::Server {
 public:
  EdgeServer() : config_(fuzz_config()) {
    set_payload_max_length(largest_body_limit(config_));
    set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      return pre_route(req, res);
    });
    // Every POST route: the body that reaches it must be within its limit.
    for (const char* path : {"/v1/audio/speech", "/v1/audio/speech/timestamps", "/v1/audio/clone",
                             "/v1/text/normalize", "/v1/audio/voices"}) {
      Post(path, [this](const httplib::Request& req, httplib::Response& res) {
        const std::size_t limit = body_limit(req, config_);
        if (req.has_header("Transfer-Encoding")) {
          check(req.body.size() <= limit + kChunkFramingAllowance);
        } else {
          check(req.body.size() <= limit);
        }
        res.status = 200;
      });
    }
  }

  void serve(std::string_view bytes) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) std::abort();
    // The inputs are far smaller than a socket buffer: one write, then end of stream.
    check(::send(fds[1], bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(bytes.size()));
    ::shutdown(fds[1], SHUT_WR);
    ConnectionStream stream(fds[0], std::chrono::milliseconds(100), std::chrono::milliseconds(100));
    // At most a few requests per input, as a pipelining client sends them.
    for (int request = 0; request < 8; ++request) {
      bool closed = false;
      close_ = false;
      t_stream = &stream;
      const bool ok = process_request(stream, false, closed, nullptr);
      t_stream = nullptr;
      stream.set_read_budget(std::nullopt);
      if (!ok || closed || close_ || !stream.has_buffered()) break;
    }
    ::close(fds[0]);
    ::close(fds[1]);
  }

 private:
  HandlerResponse refuse(httplib::Response& res, const ApiError& error) {
    res.status = error.status();
    if (error.status() != 405 && error.status() != 404) close_ = true;
    return HandlerResponse::Handled;
  }

  HandlerResponse pre_route(const httplib::Request& req, httplib::Response& res) {
    const RequestHead head = head_of(req);
    if (auto error = check_header_limits(head, config_.edge)) {
      check(error->status() == 431);
      return refuse(res, *error);
    }
    check(head.headers.size() <= config_.edge.max_header_count);
    if (auto error = check_framing(head)) {
      const int status = error->status();
      check(status == 400 || status == 411 || status == 501);
      return refuse(res, *error);
    }
    if (auto error = check_host(head, config_.host, config_.edge)) {
      check(error->status() == 403 && header_value(head, "Host").has_value());
      return refuse(res, *error);
    }
    if (auto origin = cors_allow_origin(head, config_.edge)) {
      // The request's own Origin is echoed; configured origins match it case-insensitively.
      check(*origin == "*" || *origin == header_value(head, "Origin"));
      std::string lower = *origin;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      check(lower == "https://app.example");
    }
    auto allow = allowed_methods(req.path);
    if (!allow) return refuse(res, ApiError(404, "unknown route", "invalid_request_error"));
    if (req.method == "OPTIONS") {
      check(method_allowed(*allow, "OPTIONS"));
      res.status = 204;
      return HandlerResponse::Handled;
    }
    if (!method_allowed(*allow, req.method)) {
      return refuse(res, ApiError(405, "method not allowed", "invalid_request_error"));
    }
    if (auto error = check_cross_site(head, config_.edge)) {
      check(error->status() == 403);
      return refuse(res, *error);
    }
    if (t_stream && req.has_header("Transfer-Encoding")) {
      t_stream->set_read_budget(body_limit(req, config_) + kChunkFramingAllowance);
    }
    if (auto too_large = body_limit_error(req, config_)) {
      check(too_large->status() == 413);
      return refuse(res, *too_large);
    }
    return HandlerResponse::Unhandled;
  }

  ServerConfig config_;
  bool close_ = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static EdgeServer server;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // HeadWaiter hands a connection on once its head is complete (a small body may still be
  // arriving: here the stream simply ends), answering 400 or 431 itself for a refused head.
  const HeadState state = scan_request_head(bytes, false);
  if (state == HeadState::malformed || state == HeadState::header_too_large) return 0;
  server.serve(bytes);
  return 0;
}
