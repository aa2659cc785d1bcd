#pragma once
// Speaker latents of cloned voices, computed once: memory first, then the voice store
// (SpeakerReference::load_embedding), and only when both miss, one /clone_speaker call whose
// answer is persisted with store_embedding. Concurrent first requests for the same voice wait
// for the one computing it instead of cloning again: within the process on the slot's mutex,
// across replicas of one store under SpeakerReference::with_embedding_lock.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engines/speaker_reference.h"
#include "engines/xtts/xtts_latents.h"

namespace chorus::xtts {

class LatentsCache {
 public:
  LatentsCache(std::string engine_name, std::string model_version, std::size_t capacity);

  using Compute = std::function<Latents()>;
  // Throws whatever compute() throws (nothing is cached then; the next request retries).
  std::shared_ptr<const Latents> get(const SpeakerReference& speaker, const Compute& compute);

  // Drops a voice's latents from memory (the stored copy, if any, stays).
  void forget(const std::string& voice_id);

  std::size_t size() const;
  std::uint64_t computed() const { return computed_.load(); }  // compute() calls that succeeded

  // Memory key of a reference: its voice id, or a hash of its audio for unnamed (one-shot)
  // references so every chunk of one request reuses the same latents.
  static std::string key_of(const SpeakerReference& speaker);

 private:
  struct Slot {
    std::mutex mutex;  // held while loading or computing: same-voice callers queue here
    std::shared_ptr<const Latents> latents;  // guarded by `mutex`
    std::atomic<bool> ready{false};          // latents set; readable without `mutex`
    std::uint64_t last_used = 0;             // guarded by the cache's mutex_
  };
  std::shared_ptr<const Latents> load_stored(const SpeakerReference& speaker) const;
  void store(const SpeakerReference& speaker, const Latents& latents) const;
  // Runs `body` under the store's lock for this voice's latents, or without it when the store
  // has none or cannot take it.
  void with_store_lock(const SpeakerReference& speaker, const std::function<void()>& body) const;
  void evict_locked();

  std::string engine_name_;
  std::string model_version_;
  std::size_t capacity_;
  mutable std::mutex mutex_;  // guards slots_ and the use counter
  std::map<std::string, std::shared_ptr<Slot>> slots_;
  std::uint64_t clock_ = 0;
  std::atomic<std::uint64_t> computed_{0};
};

}  // namespace chorus::xtts
