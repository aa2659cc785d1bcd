#include "voices/cloned_voice.h"

#include <map>
#include <mutex>

namespace chorus::voices {

std::shared_ptr<const SpeakerReference> transient_speaker(const std::string& id,
                                                          const std::string& name,
                                                          const std::string& language,
                                                          std::vector<float> audio,
                                                          int sample_rate) {
  struct Cache {
    std::mutex mutex;
    std::map<std::string, std::string> blobs;
  };
  auto cache = std::make_shared<Cache>();
  auto speaker = std::make_shared<SpeakerReference>();
  speaker->voice_id = id;
  speaker->name = name;
  speaker->language = language;
  speaker->audio = std::move(audio);
  speaker->sample_rate = sample_rate;
  speaker->load_embedding = [cache](const std::string& engine,
                                    const std::string& model) -> std::optional<std::string> {
    std::lock_guard lock(cache->mutex);
    auto it = cache->blobs.find(engine + "\n" + model);
    if (it == cache->blobs.end()) return std::nullopt;
    return it->second;
  };
  speaker->store_embedding = [cache](const std::string& engine, const std::string& model,
                                     const std::string& blob) {
    std::lock_guard lock(cache->mutex);
    cache->blobs[engine + "\n" + model] = blob;
  };
  return speaker;
}

}  // namespace chorus::voices
