#pragma once
// API keys (Authorization: Bearer ...), per-client request rate and stream limits, and the
// identity of the client a request is served for.
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace chorus {

struct ApiKey {
  std::string key;
  bool admin = false;
};

struct AccessConfig {
  std::vector<std::string> keys;        // accepted API keys; empty = no authentication
  std::vector<std::string> admin_keys;  // keys that may also manage every cloned voice
  std::size_t requests_per_minute = 0;  // per client (key, else address); 0 = unlimited
  std::size_t max_streams_per_client = 0;  // concurrent speech responses; 0 = unlimited
  std::vector<std::string> unmarked_keys;  // admin keys whose responses carry no watermark
};

// The token of an "Authorization: Bearer <token>" value (scheme in any case), if it is one.
std::optional<std::string> bearer_token(const std::string& header);

class AccessControl {
 public:
  explicit AccessControl(AccessConfig config);

  bool enabled() const { return !config_.keys.empty() || !config_.admin_keys.empty(); }

  // Checks the key and the request rate. Returns false after filling `res` with the error.
  bool admit(const httplib::Request& req, httplib::Response& res);

  // Counts a speech stream against its client; returns a token that releases it, or throws
  // ApiError 429 past the limit.
  std::shared_ptr<void> open_stream(const Principal& principal);

  static std::string fingerprint(const std::string& key);

 private:
  std::optional<ApiKey> match(const std::string& presented) const;

  AccessConfig config_;
  std::mutex mutex_;
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point refilled{};
  };
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, std::size_t> streams_;
};


}  // namespace chorus
