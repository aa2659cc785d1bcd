#pragma once
// Checks on a request's head that the edge makes before any route runs: header limits (431),
// message framing (RFC 9112 section 6: Content-Length / Transfer-Encoding), the Host allow-list
// against DNS rebinding, cross-site state changes from browsers, and CORS. Pure functions over a
// transport-independent view of the head, so they are unit-tested without a socket.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/api_error.h"

namespace chorus {

struct EdgeConfig {
  std::size_t max_header_count = 100;      // headers per request; more -> 431
  std::size_t max_header_bytes = 32768;    // names + values of all headers; more -> 431
  int listen_backlog = 1024;               // pending connections the kernel queues
  std::size_t max_connections = 4096;      // open at once; more are answered 503 and closed
  std::size_t max_connections_per_address = 1024;
  // Seconds a whole request head may take once it may start (after the idle timeout).
  int head_timeout_seconds = 10;
  // Seconds one request (head and body) may take to arrive once a worker reads it.
  int body_timeout_seconds = 120;
  // Origins allowed to call the API from a browser (CORS), e.g. "https://app.example"; "*" = any.
  std::vector<std::string> cors_origins;
  // Host names accepted besides IP literals, "localhost" and the listening address; "*" = any.
  std::vector<std::string> allowed_hosts;
};

struct RequestHead {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, in order
};

// The value of the first header named `name` (case-insensitive), if any.
std::optional<std::string> header_value(const RequestHead& head, const std::string& name);

// 431 when the head carries too many headers or too many header bytes.
std::optional<ApiError> check_header_limits(const RequestHead& head, const EdgeConfig& config);

// 400 for malformed or conflicting Content-Length, or Content-Length with Transfer-Encoding;
// 501 for a transfer coding other than chunked; 411 for a POST/PUT/PATCH with neither (instead
// of waiting for a body that never comes). A chunked body's limit is enforced as it is read.
std::optional<ApiError> check_framing(const RequestHead& head);

// 403 when the Host header names a host that is neither an IP literal, "localhost", the
// listening address nor a configured name: a page on a rebound DNS name must not reach the API.
std::optional<ApiError> check_host(const RequestHead& head, const std::string& listen_host,
                                   const EdgeConfig& config);

// 403 for a state-changing request (POST, PUT, PATCH, DELETE) a browser sends from another site
// (Sec-Fetch-Site cross-site/same-site, or an Origin other than the Host), unless the origin is
// in cors_origins. Only applied when the server has no API keys: with keys, a page cannot
// authenticate without knowing one.
std::optional<ApiError> check_cross_site(const RequestHead& head, const EdgeConfig& config);

// The Access-Control-Allow-Origin value for this request's Origin, if CORS allows it.
std::optional<std::string> cors_allow_origin(const RequestHead& head, const EdgeConfig& config);

// Headers a browser script may read from our responses (Access-Control-Expose-Headers).
const char* cors_exposed_headers();

}  // namespace chorus
