#include "cache/result_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "core/metrics.h"

namespace chorus {

ResultCache::ResultCache(const CacheConfig& config)
    : config_(config), memory_(config.memory_bytes) {
  if (!config_.disk_dir.empty()) {
    disk_ = std::make_unique<DiskStore>(config_.disk_dir, config_.disk_bytes);
    spdlog::info("cache: disk tier {} holds {} entr{} ({} bytes)", config_.disk_dir,
                 disk_->entries(), disk_->entries() == 1 ? "y" : "ies", disk_->bytes());
  }
  if (!config_.redis_url.empty()) {
    RedisTierOptions options;
    options.url = config_.redis_url;
    options.ttl_seconds = config_.redis_ttl_seconds;
    options.max_entry_bytes = config_.redis_max_entry_bytes;
    options.timeout = std::chrono::milliseconds(config_.redis_timeout_ms);
    redis_ = std::make_unique<RedisTier>(options);
    if (config_.enabled) redis_->ping();
  }
  publish_size();
}

bool ResultCache::accepts(std::size_t input_chars) const {
  return config_.enabled && input_chars <= config_.max_input_chars;
}

std::size_t ResultCache::max_entry_bytes() const {
  return std::max({config_.memory_bytes, disk_ ? config_.disk_bytes : 0,
                   redis_ ? config_.redis_max_entry_bytes : 0});
}

std::shared_ptr<const CachedSpeech> ResultCache::find(const std::string& key) {
  if (auto entry = memory_.find(key)) return entry;
  std::optional<CachedSpeech> stored;
  if (disk_) stored = disk_->find(key);
  if (!stored && redis_) stored = redis_->find(key);
  if (!stored) return nullptr;
  auto entry = std::make_shared<const CachedSpeech>(std::move(*stored));
  memory_.insert(key, entry);
  publish_size();
  return entry;
}

void ResultCache::insert(const std::string& key, std::shared_ptr<const CachedSpeech> entry) {
  if (disk_) disk_->insert(key, *entry);
  if (redis_) redis_->insert(key, *entry);
  memory_.insert(key, std::move(entry));
  publish_size();
}

void ResultCache::count_lookup(bool hit) { Metrics::instance().cache_lookup(hit); }

void ResultCache::publish_size() const {
  Metrics::instance().cache_size(static_cast<double>(memory_.bytes()),
                                 static_cast<double>(memory_.entries()));
}

}  // namespace chorus
