#include "cache/memory_lru.h"

namespace chorus {

std::shared_ptr<const CachedSpeech> MemoryLru::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, found->second);
  return found->second->entry;
}

std::size_t MemoryLru::slot_cost(const std::string& key, const CachedSpeech& entry) {
  // A list node with the slot, a hash node with its own copy of the key and the iterator, and
  // the shared_ptr's control block: a few machine words each besides the two key copies.
  constexpr std::size_t kBookkeeping = sizeof(Slot) + 2 * sizeof(void*) +          // list node
                                       sizeof(std::string) + 3 * sizeof(void*) +  // hash node
                                       4 * sizeof(void*);                         // control block
  return entry.cost() + 2 * key.capacity() + kBookkeeping;
}

bool MemoryLru::insert(const std::string& key, std::shared_ptr<const CachedSpeech> entry) {
  std::size_t cost = slot_cost(key, *entry);
  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end()) erase(found->second);
  if (cost > budget_) return false;
  while (bytes_ + cost > budget_ && !order_.empty()) erase(std::prev(order_.end()));
  order_.push_front({key, std::move(entry), cost});
  index_[key] = order_.begin();
  bytes_ += cost;
  return true;
}

void MemoryLru::erase(std::list<Slot>::iterator slot) {
  bytes_ -= slot->cost;
  index_.erase(slot->key);
  order_.erase(slot);
}

std::size_t MemoryLru::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t MemoryLru::entries() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

}  // namespace chorus
