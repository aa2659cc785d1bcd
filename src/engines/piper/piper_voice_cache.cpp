#include "engines/piper/piper_voice_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace chorus::piper {

PiperVoiceCache::PiperVoiceCache(Limits limits, Loader loader)
    : limits_(std::move(limits)), loader_(std::move(loader)) {
  if (limits_.idle.count() > 0) sweeper_ = std::thread([this] { sweep_loop(); });
}

PiperVoiceCache::~PiperVoiceCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
}

std::shared_ptr<const PiperVoiceModel> PiperVoiceCache::get(const std::string& name) {
  std::unique_lock lock(mutex_);
  for (;;) {
    auto it = entries_.find(name);
    if (it == entries_.end()) break;
    if (!it->second.loading) {
      it->second.last_used = std::chrono::steady_clock::now();
      recency_.remove(name);
      recency_.push_front(name);
      return it->second.model;
    }
    changed_.wait(lock);  // another request is loading this voice
  }
  entries_[name].loading = true;
  lock.unlock();
  std::shared_ptr<const PiperVoiceModel> model;
  try {
    model = loader_(name);
  } catch (...) {
    lock.lock();
    entries_.erase(name);
    ++counts_.failures;
    changed_.notify_all();
    throw;
  }
  lock.lock();
  Entry& entry = entries_[name];
  entry.model = model;
  entry.loading = false;
  entry.last_used = std::chrono::steady_clock::now();
  recency_.push_front(name);
  ++counts_.loads;
  evict_for_room(lock);
  changed_.notify_all();
  return model;
}

void PiperVoiceCache::evict_for_room(std::unique_lock<std::mutex>&) {
  while (recency_.size() > std::max<std::size_t>(1, limits_.max_loaded)) {
    const std::string victim = recency_.back();
    recency_.pop_back();
    entries_.erase(victim);
    ++counts_.unloads;
    spdlog::info("piper: unloaded voice {} (more than {} loaded)", victim, limits_.max_loaded);
  }
}

void PiperVoiceCache::unload_idle(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  for (auto it = recency_.begin(); it != recency_.end();) {
    Entry& entry = entries_.at(*it);
    if (now - entry.last_used >= limits_.idle) {
      spdlog::info("piper: unloaded voice {} (idle)", *it);
      entries_.erase(*it);
      it = recency_.erase(it);
      ++counts_.unloads;
    } else {
      ++it;
    }
  }
}

PiperVoiceCache::Counts PiperVoiceCache::counts() const {
  std::lock_guard lock(mutex_);
  Counts counts = counts_;
  counts.loaded = recency_.size();
  return counts;
}

void PiperVoiceCache::sweep_loop() {
  // Checks a few times per idle period, at most once a second and at least once a minute.
  const auto period = std::clamp<std::chrono::milliseconds>(limits_.idle / 4, std::chrono::seconds(1),
                                                            std::chrono::minutes(1));
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    changed_.wait_for(lock, period, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    unload_idle(std::chrono::steady_clock::now());
    lock.lock();
  }
}

}  // namespace chorus::piper
