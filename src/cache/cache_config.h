#pragma once
// The [cache] table: the result cache's tiers and limits, and the phrases synthesized into it
// at start (warm-up).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace chorus {

// One phrase pre-synthesized at start, as a /v1/audio/speech request would ask for it.
struct WarmupPhrase {
  std::string voice;                    // any voice a request may name, cloned voices included
  std::string text;
  std::string format = "mp3";           // response_format
  std::string model = "tts-1";
  std::optional<std::string> language;  // as the request's `language` field
  double speed = 1.0;
};

struct CacheConfig {
  bool enabled = true;
  std::size_t memory_bytes = 64u << 20;  // in-memory tier budget
  // Only inputs up to this many characters are cached ("short texts"): long-form audio is
  // rarely repeated and would push out many short phrases.
  std::size_t max_input_chars = 1000;
  std::string disk_dir;                  // on-disk tier; empty = memory only
  std::size_t disk_bytes = 1u << 30;     // on-disk tier budget
  // Shared tier behind memory (and disk): redis://[:password@]host[:port][/db] or
  // unix:/path[?db=N]; empty = none. Replicas on one Redis share their results.
  std::string redis_url;
  long long redis_ttl_seconds = 7 * 24 * 3600;  // entries expire this long after being stored
  std::size_t redis_max_entry_bytes = 8u << 20;  // larger entries are not sent to Redis
  int redis_timeout_ms = 100;  // connect and each command; past it Redis counts as down
  std::vector<WarmupPhrase> warmup;

  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

}  // namespace chorus
