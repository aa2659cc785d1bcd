#pragma once
// A cloned voice as engines see it: the processed reference recording plus a per-engine
// embedding cache. Engines that clone (XTTS) compute their speaker embedding once per
// (voice, engine, model version) and persist it through this interface; the voice store
// implements it. Engines that cannot clone never receive one.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chorus {

struct SpeakerReference {
  std::string voice_id;           // "voice_..."
  std::string name;               // user's free-text name
  std::string language;           // language of the recording, may be empty
  std::vector<float> audio;       // mono float PCM, trimmed and loudness-normalized
  int sample_rate = 24000;

  // Returns the stored embedding blob for (engine, model_version), if any.
  std::function<std::optional<std::string>(const std::string& engine,
                                           const std::string& model_version)>
      load_embedding;
  // Persists an embedding blob for (engine, model_version).
  std::function<void(const std::string& engine, const std::string& model_version,
                     const std::string& blob)>
      store_embedding;
  // Runs `body` holding a lock on (engine, model_version) of this voice, shared with every
  // process on the same store: the first to compute an embedding stores it while others wait,
  // then load it. Unset: no lock beyond the caller's own.
  std::function<void(const std::string& engine, const std::string& model_version,
                     const std::function<void()>& body)>
      with_embedding_lock;
};

}  // namespace chorus
