#include "cache/cache_recorder.h"

namespace chorus {

CacheRecorder::CacheRecorder(std::shared_ptr<ResultCache> cache, std::string key,
                             CachedSpeech description)
    : cache_(std::move(cache)), key_(std::move(key)), entry_(std::move(description)) {}

void CacheRecorder::append(std::string_view bytes) {
  if (overflowed_ || finished_) return;
  if (entry_.audio.size() + bytes.size() > cache_->max_entry_bytes()) {
    overflowed_ = true;
    entry_.audio.clear();
    entry_.audio.shrink_to_fit();
    return;
  }
  entry_.audio.append(bytes);
}

void CacheRecorder::finish(double audio_seconds) {
  if (overflowed_ || finished_) return;
  finished_ = true;
  entry_.audio_seconds = audio_seconds;
  // Appending left up to half the buffer unused; the cache keeps the entry for a long time.
  entry_.audio.shrink_to_fit();
  cache_->insert(key_, std::make_shared<const CachedSpeech>(std::move(entry_)));
}

}  // namespace chorus
