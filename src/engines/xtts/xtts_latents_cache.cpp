#include "engines/xtts/xtts_latents_cache.h"

#include <spdlog/spdlog.h>

#include <cstring>

#include "core/api_error.h"

namespace chorus::xtts {

LatentsCache::LatentsCache(std::string engine_name, std::string model_version,
                           std::size_t capacity)
    : engine_name_(std::move(engine_name)),
      model_version_(std::move(model_version)),
      capacity_(capacity < 1 ? 1 : capacity) {}

std::string LatentsCache::key_of(const SpeakerReference& speaker) {
  if (!speaker.voice_id.empty()) return "voice:" + speaker.voice_id;
  // FNV-1a over the samples' bytes and the rate: equal recordings share latents.
  std::uint64_t hash = 1469598103934665603ull;
  auto mix = [&hash](const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash ^= bytes[i];
      hash *= 1099511628211ull;
    }
  };
  mix(speaker.audio.data(), speaker.audio.size() * sizeof(float));
  mix(&speaker.sample_rate, sizeof speaker.sample_rate);
  return "audio:" + std::to_string(hash) + ":" + std::to_string(speaker.audio.size());
}

void LatentsCache::forget(const std::string& voice_id) {
  std::lock_guard lock(mutex_);
  slots_.erase("voice:" + voice_id);
}

std::size_t LatentsCache::size() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

std::shared_ptr<const Latents> LatentsCache::load_stored(const SpeakerReference& speaker) const {
  if (!speaker.load_embedding) return nullptr;
  std::optional<std::string> blob;
  try {
    blob = speaker.load_embedding(engine_name_, model_version_);
  } catch (const std::exception& error) {
    spdlog::warn("xtts: could not read stored latents of voice {}: {}", speaker.voice_id, error.what());
    return nullptr;
  }
  if (!blob) return nullptr;
  try {
    return std::make_shared<const Latents>(parse_latents(*blob));
  } catch (const EngineError& error) {
    // A damaged blob is replaced by a fresh clone rather than failing the voice forever.
    spdlog::warn("xtts: stored latents of voice {} are unusable ({}); cloning again",
                 speaker.voice_id, error.what());
    return nullptr;
  }
}

void LatentsCache::store(const SpeakerReference& speaker, const Latents& latents) const {
  if (!speaker.store_embedding) return;
  try {
    speaker.store_embedding(engine_name_, model_version_, latents_to_json(latents));
  } catch (const std::exception& error) {
    // Still usable from memory; the next process start clones once more.
    spdlog::warn("xtts: could not store latents of voice {}: {}", speaker.voice_id, error.what());
  }
}

void LatentsCache::with_store_lock(const SpeakerReference& speaker,
                                   const std::function<void()>& body) const {
  if (!speaker.with_embedding_lock) return body();
  bool entered = false;
  try {
    speaker.with_embedding_lock(engine_name_, model_version_, [&] {
      entered = true;
      body();
    });
  } catch (const std::exception& error) {
    if (entered) throw;
    // The lock is an optimization (one clone per cluster); a store that cannot give it (its
    // database is down) must not cost the request its voice.
    spdlog::warn("xtts: no store lock for the latents of voice {} ({}); computing without it",
                 speaker.voice_id, error.what());
    body();
  }
}

void LatentsCache::evict_locked() {
  while (slots_.size() > capacity_) {
    auto victim = slots_.end();
    for (auto it = slots_.begin(); it != slots_.end(); ++it) {
      // Slots still being filled are skipped: their callers hold them and will use them.
      if (!it->second->ready.load()) continue;
      if (victim == slots_.end() || it->second->last_used < victim->second->last_used) victim = it;
    }
    if (victim == slots_.end()) return;
    slots_.erase(victim);
  }
}

std::shared_ptr<const Latents> LatentsCache::get(const SpeakerReference& speaker,
                                                 const Compute& compute) {
  const std::string key = key_of(speaker);
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mutex_);
    auto& entry = slots_[key];
    if (!entry) entry = std::make_shared<Slot>();
    slot = entry;
    slot->last_used = ++clock_;
  }
  std::lock_guard slot_lock(slot->mutex);
  if (slot->latents) return slot->latents;
  std::shared_ptr<const Latents> latents;
  try {
    with_store_lock(speaker, [&] {
      latents = load_stored(speaker);
      if (latents) return;
      latents = std::make_shared<const Latents>(compute());
      ++computed_;
      store(speaker, *latents);
    });
  } catch (...) {
    // Drop the empty slot (unless a later caller already replaced it) so failures leave
    // nothing behind; the next request tries again.
    std::lock_guard lock(mutex_);
    auto it = slots_.find(key);
    if (it != slots_.end() && it->second == slot) slots_.erase(it);
    throw;
  }
  slot->latents = latents;
  slot->ready.store(true);
  {
    std::lock_guard lock(mutex_);
    evict_locked();
  }
  return latents;
}

}  // namespace chorus::xtts
