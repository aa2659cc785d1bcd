#pragma once
// Request body limits per route: JSON routes keep the small max_body_bytes, multipart upload
// routes (voice samples) get max_upload_bytes plus room for their text fields. Checked from the
// Content-Length header before the body is read, so an oversized upload costs nothing; a chunked
// body is counted as it is read (ConnectionStream's read budget).
#include <cstddef>
#include <optional>

#include "core/api_error.h"
#include "server/server_config.h"

namespace httplib {
struct Request;
}

namespace chorus {

// The largest body any route accepts (what the HTTP library itself enforces).
std::size_t largest_body_limit(const ServerConfig& config);

// This route's body limit, bytes.
std::size_t body_limit(const httplib::Request& req, const ServerConfig& config);

// A 413 error when the declared body exceeds this route's limit.
std::optional<ApiError> body_limit_error(const httplib::Request& req, const ServerConfig& config);

}  // namespace chorus
