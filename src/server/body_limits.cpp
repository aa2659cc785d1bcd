#include "server/body_limits.h"

#include <httplib.h>

#include <algorithm>

namespace chorus {
namespace {

// Form fields besides the file (name, consent text, ...) and the multipart framing.
constexpr std::size_t kFormOverhead = 1 << 20;

bool is_upload_route(const httplib::Request& req) {
  return req.method == "POST" && (req.path == "/v1/audio/voices" || req.path == "/v1/audio/clone" ||
                                  req.path == "/v1/audio/watermark/detect");
}

}  // namespace

std::size_t largest_body_limit(const ServerConfig& config) {
  return std::max(config.max_body_bytes, config.max_upload_bytes + kFormOverhead);
}

std::size_t body_limit(const httplib::Request& req, const ServerConfig& config) {
  return is_upload_route(req) ? config.max_upload_bytes + kFormOverhead : config.max_body_bytes;
}

std::optional<ApiError> body_limit_error(const httplib::Request& req, const ServerConfig& config) {
  if (!req.has_header("Content-Length")) return std::nullopt;
  const bool upload = is_upload_route(req);
  const std::size_t limit = body_limit(req, config);
  const std::string declared = req.get_header_value("Content-Length");
  std::size_t length = 0;
  try {
    length = std::stoull(declared);
  } catch (const std::exception&) {
    return std::nullopt;  // the HTTP layer answers malformed headers itself
  }
  if (length <= limit) return std::nullopt;
  std::string message = upload ? "The upload is too large: audio samples may be at most " +
                                     std::to_string(config.max_upload_bytes) + " bytes."
                               : "The request body is too large (limit " +
                                     std::to_string(limit) + " bytes).";
  const std::string field = req.path == "/v1/audio/clone"                ? "reference_audio"
                            : req.path == "/v1/audio/watermark/detect" ? "file"
                                                                       : "audio_sample";
  return ApiError(413, message, "invalid_request_error", upload ? field : "",
                  upload ? "audio_too_large" : "request_too_large");
}

}  // namespace chorus
