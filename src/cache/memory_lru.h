#pragma once
// The in-memory tier: least-recently-used entries within a byte budget. Thread-safe; entries
// are shared and immutable, so a response replaying one is unaffected by its eviction.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/cached_speech.h"

namespace chorus {

class MemoryLru {
 public:
  explicit MemoryLru(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The entry, now the most recently used; null when absent.
  std::shared_ptr<const CachedSpeech> find(const std::string& key);
  // Inserts or replaces, evicting the least recently used entries to stay within the budget.
  // An entry larger than the whole budget is not kept (returns false).
  bool insert(const std::string& key, std::shared_ptr<const CachedSpeech> entry);

  // What one entry under `key` costs the budget: the entry, the key (held by the list and the
  // index) and the bookkeeping around it, so bytes() is what the cache really holds.
  static std::size_t slot_cost(const std::string& key, const CachedSpeech& entry);

  std::size_t bytes() const;
  std::size_t entries() const;

 private:
  struct Slot {
    std::string key;
    std::shared_ptr<const CachedSpeech> entry;
    std::size_t cost;
  };
  void erase(std::list<Slot>::iterator slot);

  const std::size_t budget_;
  mutable std::mutex mutex_;
  std::list<Slot> order_;  // front = most recently used
  std::unordered_map<std::string, std::list<Slot>::iterator> index_;
  std::size_t bytes_ = 0;
};

}  // namespace chorus
