#pragma once
// Shared pieces of the engine tests: an engine config for a stand-in, a collecting sink and a
// cloned-voice reference backed by an in-memory store.
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engines/xtts/xtts_engine.h"
#include "xtts_standin.h"

namespace chorus::xtts::testing {

inline constexpr std::size_t kSamplesPerChar = 480;  // the stand-in's tone length per character

inline XttsConfig config_for(std::vector<std::string> urls) {
  XttsConfig config;
  config.urls = std::move(urls);
  config.connect_timeout = std::chrono::milliseconds(1000);
  config.read_timeout = std::chrono::milliseconds(3000);
  config.health_timeout = std::chrono::milliseconds(1000);
  config.health_interval = std::chrono::milliseconds(0);  // tests probe on demand
  return config;
}

struct Collector {
  std::vector<float> samples;
  int calls = 0;
  PcmSink sink() {
    return [this](std::span<const float> pcm) {
      samples.insert(samples.end(), pcm.begin(), pcm.end());
      ++calls;
      return true;
    };
  }
};

inline SynthesisRequest request(std::string text, std::string voice, std::string language = "en") {
  SynthesisRequest req;
  req.text = std::move(text);
  req.voice_id = std::move(voice);
  req.language = std::move(language);
  return req;
}

// The voice store's part of a cloned voice, in memory.
struct MemoryVoiceStore {
  std::mutex mutex;
  std::map<std::string, std::string> blobs;
  std::atomic<int> stores{0};

  std::shared_ptr<SpeakerReference> voice(const std::string& id, float pitch_hz = 220.0f) {
    auto ref = std::make_shared<SpeakerReference>();
    ref->voice_id = id;
    ref->name = "test voice";
    ref->sample_rate = 24000;
    for (int i = 0; i < 24000 * 3; ++i) {
      ref->audio.push_back(0.25f * static_cast<float>(std::sin(2 * 3.14159265 * pitch_hz * i / 24000)));
    }
    ref->load_embedding = [this, id](const std::string& engine,
                                     const std::string& version) -> std::optional<std::string> {
      std::lock_guard lock(mutex);
      auto it = blobs.find(id + "|" + engine + "|" + version);
      if (it == blobs.end()) return std::nullopt;
      return it->second;
    };
    ref->store_embedding = [this, id](const std::string& engine, const std::string& version,
                                      const std::string& blob) {
      ++stores;
      std::lock_guard lock(mutex);
      blobs[id + "|" + engine + "|" + version] = blob;
    };
    return ref;
  }
};

}  // namespace chorus::xtts::testing
