#pragma once
// Routing of cloned voices ("voice_..."): engines that clone and speak the language come first
// and receive the reference as the speaker; then the best built-in voice for the language, bent
// towards the reference by voice-matching post-processing. start_speech tries them in order, so
// an unhealthy or failing cloning engine falls back to voice matching.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "router/router.h"
#include "voices/builtin_voice_match.h"
#include "voices/cloned_voice.h"
#include "voices/voice_store.h"

namespace chorus {

class ClonedVoiceResolver {
 public:
  // `store` may be null (data directory unusable): stored voices are then unavailable, one-shot
  // clones still work.
  explicit ClonedVoiceResolver(std::shared_ptr<voices::VoiceStore> store);

  const std::shared_ptr<voices::VoiceStore>& store() const { return store_; }
  // Does this request name a cloned voice (stored or sent along)?
  static bool wants_cloned_voice(const SpeechRequest& request);

  // Candidates for `request` over the engines in `order` (the router's preference for the
  // model). Throws ApiError: 400 unknown voice or unsupported language, 503 without a store or
  // when no engine can serve.
  std::vector<RouteCandidate> candidates(const SpeechRequest& request,
                                         const std::vector<std::shared_ptr<Engine>>& order,
                                         const std::string& default_language) const;

  // Drops cached match designs of a deleted (or one-shot) voice.
  void forget(const std::string& id) const { matcher_->forget(id); }

 private:
  std::shared_ptr<const voices::ClonedVoice> load(const std::string& id) const;

  std::shared_ptr<voices::VoiceStore> store_;
  std::shared_ptr<voices::BuiltinVoiceMatcher> matcher_;
};

// Opens the voice store at `location` (--voice-store: sqlite:PATH or a postgresql:// URL; empty
// = voices.sqlite3 in `data_dir`, itself empty = the default data directory). A store that
// cannot be opened is logged and left out: the server still runs, stored voices answer 503.
std::shared_ptr<ClonedVoiceResolver> open_cloned_voices(const std::string& data_dir,
                                                        const std::string& location = {});

}  // namespace chorus
