#include "cache/cache_config.h"

#include <sstream>
#include <stdexcept>

#include "cache/redis_endpoint.h"
#include "codec/audio_format.h"
#include "core/speech_bounds.h"

namespace chorus {

void CacheConfig::Validate() const {
  if (enabled && memory_bytes == 0 && disk_dir.empty() && redis_url.empty()) {
    throw std::invalid_argument("cache.memory_bytes: must be > 0 when cache.disk_dir and "
                                "cache.redis_url are empty "
                                "(set cache.enabled = false to turn the cache off)");
  }
  if (!redis_url.empty()) {
    try {
      parse_redis_url(redis_url);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("cache.redis_url: ") + e.what());
    }
  }
  if (redis_ttl_seconds < 1) throw std::invalid_argument("cache.redis_ttl_seconds: must be >= 1");
  // Redis refuses string values over 512 MiB.
  if (redis_max_entry_bytes > (512u << 20)) {
    throw std::invalid_argument("cache.redis_max_entry_bytes: must be <= 536870912 (512 MiB)");
  }
  if (redis_timeout_ms < 1) throw std::invalid_argument("cache.redis_timeout_ms: must be >= 1");
  for (std::size_t i = 0; i < warmup.size(); ++i) {
    const auto& phrase = warmup[i];
    std::string where = "cache.warmup[" + std::to_string(i) + "]";
    if (phrase.voice.empty()) throw std::invalid_argument(where + ".voice: must not be empty");
    if (phrase.text.empty()) throw std::invalid_argument(where + ".text: must not be empty");
    if (!parse_audio_format(phrase.format)) {
      throw std::invalid_argument(where + ".format: not a response_format: " + phrase.format);
    }
    if (!(phrase.speed >= kMinSpeechSpeed && phrase.speed <= kMaxSpeechSpeed)) {
      throw std::invalid_argument(where + ".speed: must be " + speech_speed_range_text());
    }
  }
}

std::string CacheConfig::ToString() const {
  std::ostringstream out;
  out << "CacheConfig(enabled=" << (enabled ? "true" : "false")
      << ", memory_bytes=" << memory_bytes << ", max_input_chars=" << max_input_chars
      << ", disk_dir=" << (disk_dir.empty() ? "(none)" : disk_dir)
      << ", disk_bytes=" << disk_bytes
      << ", redis=" << (redis_url.empty() ? "(none)" : redact_redis_url(redis_url));
  if (!redis_url.empty()) {
    out << ", redis_ttl_seconds=" << redis_ttl_seconds
        << ", redis_max_entry_bytes=" << redis_max_entry_bytes
        << ", redis_timeout_ms=" << redis_timeout_ms;
  }
  out << ", warmup=" << warmup.size() << " phrase(s))";
  return out.str();
}

}  // namespace chorus
