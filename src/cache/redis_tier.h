#pragma once
// The optional shared tier (cache.redis_url): entries in a Redis server that several chorus
// replicas use, so audio synthesized by one is a hit on the others. Keys are
// "chorus:v<format>:" + the result cache key; values are redis_value.h's format, written with
// an expiry (SET ... EX). Redis being down, slow or answering nonsense makes lookups misses and
// stores no-ops, never errors for the request: the client bounds every call by a short timeout
// and backs off after failures (redis_client.h). Counted in chorus_cache_redis_* metrics.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "cache/cached_speech.h"
#include "cache/redis_client.h"

namespace chorus {

struct RedisTierOptions {
  std::string url;                          // cache.redis_url
  long long ttl_seconds = 7 * 24 * 3600;    // cache.redis_ttl_seconds
  std::size_t max_entry_bytes = 8u << 20;   // cache.redis_max_entry_bytes (stored value size)
  std::chrono::milliseconds timeout{100};   // cache.redis_timeout_ms
  std::chrono::milliseconds min_backoff{250};
  std::chrono::milliseconds max_backoff{10000};
};

class RedisTier {
 public:
  // Throws std::invalid_argument for a URL that does not parse. Does not need Redis to be up.
  explicit RedisTier(const RedisTierOptions& options);

  // nullopt for a miss, and also when Redis cannot be asked or its value is not a valid entry.
  std::optional<CachedSpeech> find(const std::string& key);
  // True when Redis stored the entry; false when it is too large or Redis is unavailable.
  bool insert(const std::string& key, const CachedSpeech& entry);
  // One PING: true when Redis answered. Logs the outcome (for the start of the server).
  bool ping();

  // For /health: "up", "down" or "unknown", the endpoint without its password, the last error.
  RedisClient::Status status() const { return client_.status(); }
  std::string endpoint() const { return client_.endpoint().redacted(); }
  static std::string key_for(const std::string& cache_key);

 private:
  void publish_state() const;

  const RedisTierOptions options_;
  RedisClient client_;
};

}  // namespace chorus
