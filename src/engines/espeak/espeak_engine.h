#pragma once
// The built-in engine: libespeak-ng in-process. Small, robotic, but speaks ~100 languages with
// no model files, so the server always has a voice.
//
// libespeak-ng keeps global state, so every call goes through EspeakLibrary's process-wide lock
// (see espeak_library.h); synthesize() calls are serialized and info().max_concurrency is 1.
//
// Voice ids: "espeak:<voice>" for each language voice espeak lists ("espeak:en-us",
// "espeak:fr-fr", "espeak:cmn"), optionally "+<variant>" with one of variants()
// ("espeak:fr-fr+f3"). find_voice() also takes a language tag in place of the voice name
// ("espeak:fr+f3", "espeak:zh"): it resolves through espeak_voice_for_language() and answers with
// the canonical id. Exact voice names win over language tags.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engines/engine.h"
#include "engines/espeak/espeak_config.h"
#include "engines/espeak/espeak_voice_catalog.h"

namespace chorus {

class EspeakEngine : public Engine {
 public:
  // Initializes libespeak-ng (once per process) and reads its voices.
  // Throws std::invalid_argument for a bad config and EngineError when espeak cannot start.
  explicit EspeakEngine(const EspeakConfig& config);

  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override;
  std::optional<VoiceInfo> find_voice(std::string_view voice_id) const override;
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias,
                                           std::string_view language) const override;
  // Uses request.voice_id, or the voice for request.language when the id is empty. The sink runs
  // inside espeak's callback with the espeak lock held: it must not call into espeak itself.
  void synthesize(const SynthesisRequest& request, const PcmSink& sink,
                  const CancelToken& cancel) override;

  // Variants usable after '+' in voice ids (f1..f5, m1..m7, klatt, ...).
  const std::vector<EspeakVariant>& variants() const { return catalog_.variants(); }
  const EspeakVoiceCatalog& catalog() const { return catalog_; }

  // espeak's words-per-minute for a speed factor, clamped to espeak's range.
  static int rate_for_speed(float speed);

 private:
  struct Resolved {
    const EspeakVoice* voice = nullptr;
    const EspeakVariant* variant = nullptr;
  };
  std::optional<Resolved> resolve(std::string_view voice_id) const;
  const EspeakVariant* variant_for_alias(std::string_view preferred, std::string_view gender) const;
  static VoiceInfo describe(const Resolved& resolved);

  EspeakConfig config_;
  EspeakVoiceCatalog catalog_;
  EngineInfo info_;
};

}  // namespace chorus
