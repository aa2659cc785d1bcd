#include "cache/cache_config.h"

#include <sstream>
#include <stdexcept>

#include "codec/audio_format.h"
#include "core/speech_bounds.h"

namespace chorus {

void CacheConfig::Validate() const {
  if (enabled && memory_bytes == 0 && disk_dir.empty()) {
    throw std::invalid_argument("cache.memory_bytes: must be > 0 when cache.disk_dir is empty "
                                "(set cache.enabled = false to turn the cache off)");
  }
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
      << ", disk_bytes=" << disk_bytes << ", warmup=" << warmup.size() << " phrase(s))";
  return out.str();
}

}  // namespace chorus
