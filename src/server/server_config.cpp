#include "server/server_config.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace chorus {

void ServerConfig::Validate() const {
  if (host.empty()) throw std::invalid_argument("host: must not be empty");
  if (port < 0 || port > 65535) throw std::invalid_argument("port: must be 0..65535");
  if (max_body_bytes < 1024) throw std::invalid_argument("max_body_bytes: must be >= 1024");
  if (speech.max_input_chars < 1) throw std::invalid_argument("max_input_chars: must be >= 1");
  if (read_timeout_seconds < 1) throw std::invalid_argument("read_timeout: must be >= 1 s");
  if (idle_timeout_seconds < 1) throw std::invalid_argument("idle_timeout: must be >= 1 s");
  if (write_timeout_seconds < 1) throw std::invalid_argument("write_timeout: must be >= 1 s");
  if (shutdown_grace_seconds < 0) throw std::invalid_argument("shutdown_grace_s: must be >= 0");
  for (const auto& key : access.keys) {
    if (key.size() < 8) throw std::invalid_argument("auth.keys: a key is shorter than 8 characters");
  }
  for (const auto& key : access.admin_keys) {
    if (key.size() < 8) {
      throw std::invalid_argument("auth.admin_keys: a key is shorter than 8 characters");
    }
  }
  for (const auto& key : access.unmarked_keys) {
    if (std::find(access.admin_keys.begin(), access.admin_keys.end(), key) ==
        access.admin_keys.end()) {
      throw std::invalid_argument("watermark.unmarked_keys: every key must be one of auth.admin_keys");
    }
  }
  if (clone_admission.max_active < 1) {
    throw std::invalid_argument("limits.max_concurrent_clones: must be >= 1");
  }
  router.Validate();
  cache.Validate();
  wyoming.Validate();
}

std::string ServerConfig::ToString() const {
  std::ostringstream out;
  out << "ServerConfig(host=" << host << ", port=" << port << ", max_body_bytes=" << max_body_bytes
      << ", max_input_chars=" << speech.max_input_chars << ", http_threads=" << http_threads
      << ", read_timeout=" << read_timeout_seconds << "s, idle_timeout=" << idle_timeout_seconds << "s, write_timeout=" << write_timeout_seconds
      << "s, api_keys=" << access.keys.size() + access.admin_keys.size()
      << ", requests_per_minute=" << access.requests_per_minute
      << ", max_streams_per_client=" << access.max_streams_per_client
      << ", max_concurrent_clones=" << clone_admission.max_active
      << ", max_queued_clones=" << clone_admission.max_queued
      << ", models_dir=" << engines.models_dir << ", " << router.ToString() << ", " << cache.ToString() << ", " << wyoming.ToString() << ")";
  return out.str();
}

}  // namespace chorus
