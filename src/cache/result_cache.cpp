#include "cache/result_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/metrics.h"

namespace chorus {

ResultCache::ResultCache(const CacheConfig& config)
    : config_(config), memory_(config.memory_bytes) {
  if (!config_.disk_dir.empty()) {
    disk_ = std::make_unique<DiskStore>(config_.disk_dir, config_.disk_bytes);
    spdlog::info("cache: disk tier {} holds {} entr{} ({} bytes)", config_.disk_dir,
                 disk_->entries(), disk_->entries() == 1 ? "y" : "ies", disk_->bytes());
  }
  publish_size();
}

bool ResultCache::accepts(std::size_t input_chars) const {
  return config_.enabled && input_chars <= config_.max_input_chars;
}

std::size_t ResultCache::max_entry_bytes() const {
  return std::max(config_.memory_bytes, disk_ ? config_.disk_bytes : 0);
}

std::shared_ptr<const CachedSpeech> ResultCache::find(const std::string& key) {
  if (auto entry = memory_.find(key)) return entry;
  if (!disk_) return nullptr;
  auto stored = disk_->find(key);
  if (!stored) return nullptr;
  auto entry = std::make_shared<const CachedSpeech>(std::move(*stored));
  memory_.insert(key, entry);
  publish_size();
  return entry;
}

void ResultCache::insert(const std::string& key, std::shared_ptr<const CachedSpeech> entry) {
  if (disk_) disk_->insert(key, *entry);
  memory_.insert(key, std::move(entry));
  publish_size();
}

void ResultCache::count_lookup(bool hit) { Metrics::instance().cache_lookup(hit); }

void ResultCache::publish_size() const {
  Metrics::instance().cache_size(static_cast<double>(memory_.bytes()),
                                 static_cast<double>(memory_.entries()));
}

}  // namespace chorus
