#pragma once
// The endpoint's studio speakers (GET /studio_speakers): named voices that come with their
// latents, so they need no /clone_speaker. They are language-neutral like every XTTS voice.
// Loaded when an endpoint is first seen up; read by request threads, hence the mutex.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/xtts/xtts_latents.h"

namespace chorus::xtts {

class StudioSpeakers {
 public:
  void replace(std::vector<std::pair<std::string, Latents>> speakers);
  bool loaded() const;

  std::vector<std::string> names() const;  // in the server's order
  // The speaker's canonical name: exact match first, then ASCII case-insensitive.
  std::optional<std::string> find(std::string_view name) const;
  std::shared_ptr<const Latents> latents(std::string_view canonical_name) const;

  // A studio speaker for an OpenAI voice name: a fixed choice among the stock XTTS-v2 speakers
  // when the endpoint has it, otherwise a stable pick by the name's hash. nullopt when the
  // endpoint has no studio speakers.
  std::optional<std::string> for_alias(std::string_view alias) const;

 private:
  mutable std::mutex mutex_;
  bool loaded_ = false;
  std::vector<std::pair<std::string, std::shared_ptr<const Latents>>> speakers_;
};

}  // namespace chorus::xtts
