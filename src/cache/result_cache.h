#pragma once
// The result cache: finished speech responses by key (pipeline/speech_cache_key.h), in a
// memory LRU backed by an optional disk tier and an optional Redis tier shared by replicas
// (looked up in that order). A disk or Redis hit is promoted into memory; a new entry goes to
// every tier.
#include <memory>
#include <string>
#include <string_view>

#include "cache/cache_config.h"
#include "cache/cached_speech.h"
#include "cache/disk_store.h"
#include "cache/memory_lru.h"
#include "cache/redis_tier.h"

namespace chorus {

class ResultCache {
 public:
  // Throws std::runtime_error when the disk tier's directory cannot be used. A Redis tier is
  // pinged once (bounded by its timeout) so the log says whether it is reachable; it need not be.
  explicit ResultCache(const CacheConfig& config);

  // Whether a request of this many input characters is looked up and stored at all.
  bool accepts(std::size_t input_chars) const;
  // Largest entry either tier keeps: recording stops beyond it.
  std::size_t max_entry_bytes() const;

  std::shared_ptr<const CachedSpeech> find(const std::string& key);
  void insert(const std::string& key, std::shared_ptr<const CachedSpeech> entry);
  // Counts one request's lookup in chorus_cache_lookups_total.
  static void count_lookup(bool hit);

  std::size_t memory_bytes() const { return memory_.bytes(); }
  std::size_t memory_entries() const { return memory_.entries(); }
  // Null when cache.redis_url is empty.
  const RedisTier* redis() const { return redis_.get(); }

 private:
  void publish_size() const;

  CacheConfig config_;
  MemoryLru memory_;
  std::unique_ptr<DiskStore> disk_;
  std::unique_ptr<RedisTier> redis_;
};

}  // namespace chorus
