#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "cache/result_cache.h"

namespace chorus {

// Collects one response's encoded bytes as they are produced; stores them when the response
// completes. A response that fails, is cut short or outgrows the cache is never stored.
class CacheRecorder {
 public:
  CacheRecorder(std::shared_ptr<ResultCache> cache, std::string key, CachedSpeech description);

  void append(std::string_view bytes);
  void finish(double audio_seconds);

 private:
  std::shared_ptr<ResultCache> cache_;
  std::string key_;
  CachedSpeech entry_;
  bool overflowed_ = false;
  bool finished_ = false;
};

}  // namespace chorus
