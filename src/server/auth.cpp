#include "server/auth.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "core/api_error.h"
#include "core/sha256.h"
#include "server/error_response.h"

namespace chorus {
namespace {

// Compares without an early exit, so response time does not reveal how much of a key matched.
bool constant_time_equal(const std::string& a, const std::string& b) {
  std::size_t length = std::max(a.size(), b.size());
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < length; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  return difference == 0;
}

// Routes anyone may call: liveness for orchestrators and the browser UI's static page.
bool is_public(const std::string& path) {
  return path == "/health" || path == "/ready" || path == "/" || path.rfind("/assets/", 0) == 0;
}

}  // namespace

std::optional<std::string> bearer_token(const std::string& header) {
  // The scheme is case-insensitive (RFC 9110 section 11.1): "bearer KEY" is as valid as "Bearer".
  const std::string scheme = "bearer";
  if (header.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return std::nullopt;
  }
  std::size_t start = header.find_first_not_of(' ', scheme.size());
  if (start == scheme.size() || start == std::string::npos) return std::nullopt;
  std::size_t end = header.find_last_not_of(' ');
  return header.substr(start, end - start + 1);
}

AccessControl::AccessControl(AccessConfig config) : config_(std::move(config)) {}

std::string AccessControl::fingerprint(const std::string& key) {
  // A stable, non-reversible label for the key: stored as a voice's owner and used as the
  // rate-limit bucket, so keys never reach the database or the logs.
  return "key_" + sha256_hex(key).substr(0, 24);
}

std::optional<ApiKey> AccessControl::match(const std::string& presented) const {
  std::optional<ApiKey> found;
  // Every key is compared, whatever matched first, for the same timing reason.
  for (const auto& key : config_.admin_keys) {
    if (constant_time_equal(presented, key) && !found) found = ApiKey{key, true};
  }
  for (const auto& key : config_.keys) {
    if (constant_time_equal(presented, key) && !found) found = ApiKey{key, false};
  }
  return found;
}

bool AccessControl::admit(const httplib::Request& req, httplib::Response& res) {
  Principal principal;
  principal.client = req.remote_addr;
  if (enabled() && !is_public(req.path)) {
    std::string header = req.get_header_value("Authorization");
    std::optional<ApiKey> key;
    if (auto presented = bearer_token(header)) key = match(*presented);
    if (!key) {
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, ApiError(401,
                               header.empty() ? "Missing API key: send Authorization: Bearer <key>."
                                              : "Incorrect API key provided.",
                               "invalid_request_error", {}, "invalid_api_key"));
      return false;
    }
    principal.owner = fingerprint(key->key);
    principal.admin = key->admin;
    principal.unmarked = key->admin && std::find(config_.unmarked_keys.begin(),
                                                 config_.unmarked_keys.end(),
                                                 key->key) != config_.unmarked_keys.end();
    principal.client = *principal.owner;
  }
  set_current_principal(principal);

  if (config_.requests_per_minute > 0 && !is_public(req.path)) {
    std::lock_guard lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    auto capacity = static_cast<double>(config_.requests_per_minute);
    auto [it, inserted] = buckets_.try_emplace(principal.client, Bucket{capacity, now});
    Bucket& bucket = it->second;
    double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * capacity / 60.0);
    bucket.refilled = now;
    if (bucket.tokens < 1.0) {
      int wait = static_cast<int>((1.0 - bucket.tokens) * 60.0 / capacity) + 1;
      send_error(res, ApiError(429, "Rate limit reached: " +
                                        std::to_string(config_.requests_per_minute) +
                                        " requests per minute.",
                               "rate_limit_error", {}, "rate_limit_exceeded")
                          .with_retry_after(wait));
      return false;
    }
    bucket.tokens -= 1.0;
  }
  return true;
}

std::shared_ptr<void> AccessControl::open_stream(const Principal& principal) {
  if (config_.max_streams_per_client == 0) return nullptr;
  std::lock_guard lock(mutex_);
  std::size_t& open = streams_[principal.client];
  if (open >= config_.max_streams_per_client) {
    throw ApiError(429, "Too many simultaneous streams for this client (limit " +
                            std::to_string(config_.max_streams_per_client) + ").",
                   "rate_limit_error", {}, "too_many_streams")
        .with_retry_after(1);
  }
  ++open;
  std::string client = principal.client;
  return std::shared_ptr<void>(nullptr, [this, client](void*) {
    std::lock_guard release_lock(mutex_);
    if (auto it = streams_.find(client); it != streams_.end() && --it->second == 0) {
      streams_.erase(it);
    }
  });
}

}  // namespace chorus
