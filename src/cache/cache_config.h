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
  std::vector<WarmupPhrase> warmup;

  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

}  // namespace chorus
