#pragma once
// Loaded Piper graphs, at most `max_loaded` at once: a voice is loaded on first use, the least
// recently used one is unloaded to make room, and one unused for `idle` is unloaded by a
// background sweep. With hundreds of voices installed, memory follows the voices in use.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engines/piper/piper_voice_model.h"

namespace chorus::piper {

class PiperVoiceCache {
 public:
  using Loader = std::function<std::shared_ptr<const PiperVoiceModel>(const std::string& name)>;
  struct Limits {
    std::size_t max_loaded = 3;
    std::chrono::milliseconds idle{std::chrono::minutes(10)};  // 0 = never unload for idleness
  };
  struct Counts {
    std::size_t loaded = 0;
    std::size_t loads = 0;     // since start
    std::size_t unloads = 0;   // evictions and idle unloads
    std::size_t failures = 0;  // loads that threw
  };

  PiperVoiceCache(Limits limits, Loader loader);
  ~PiperVoiceCache();
  PiperVoiceCache(const PiperVoiceCache&) = delete;
  PiperVoiceCache& operator=(const PiperVoiceCache&) = delete;

  // The voice's model, loading it (outside the lock; concurrent requests for the same voice wait
  // for one load) when needed. Throws what the loader throws. A model in use stays alive for its
  // users even when it is unloaded from the cache.
  std::shared_ptr<const PiperVoiceModel> get(const std::string& name);

  Counts counts() const;
  // Unloads voices idle for longer than the limit as of `now` (the sweep thread calls this).
  void unload_idle(std::chrono::steady_clock::time_point now);

 private:
  struct Entry {
    std::shared_ptr<const PiperVoiceModel> model;
    std::chrono::steady_clock::time_point last_used;
    bool loading = false;
  };
  void sweep_loop();
  void evict_for_room(std::unique_lock<std::mutex>& lock);

  const Limits limits_;
  const Loader loader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, Entry> entries_;
  std::list<std::string> recency_;  // front = most recently used
  Counts counts_;
  bool stopping_ = false;
  std::thread sweeper_;
};

}  // namespace chorus::piper
