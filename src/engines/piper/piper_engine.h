#pragma once
// Piper (rhasspy/piper) voices: VITS graphs on ONNX Runtime with espeak-ng phonemes. Every voice
// under models_dir/piper/ is listed at start from its JSON; its graph loads on first use and
// stays in a bounded LRU (piper_voice_cache.h).
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engines/engine.h"
#include "engines/onnx/onnx_session.h"
#include "engines/piper/piper_voice_cache.h"
#include "engines/piper/piper_voice_catalog.h"

namespace chorus::piper {

struct PiperConfig {
  std::string voices_dir;       // models_dir/piper
  std::string espeak_data_dir;  // empty = libespeak-ng's default
  onnx::SessionOptions session;
  PiperVoiceCache::Limits cache;
  // Overrides of every voice's inference scales; negative = the voice's own value. Setting both
  // noise values to 0 makes the output deterministic (same text, same samples).
  float noise_scale = -1.0f;
  float noise_w = -1.0f;
  // A fixed seed for the noise the voices draw (-1 = none: fresh noise on every call, as Piper
  // draws it). With one, the same text, voice and settings give the same samples every time,
  // with the voice's own noise scales.
  std::int64_t noise_seed = -1;
  float sentence_silence_s = 0.0f;  // silence after each sentence (Piper's --sentence-silence)
};

class PiperEngine : public Engine {
 public:
  // Throws EngineError when espeak-ng cannot be initialized. No voices is not an error here
  // (the factory does not create the engine then).
  PiperEngine(PiperConfig config, std::vector<InstalledVoice> voices);

  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override;
  std::optional<VoiceInfo> find_voice(std::string_view voice_id) const override;
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias, std::string_view language) const override;
  void synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken& cancel) override;
  std::vector<std::pair<std::string, double>> stats() const override;

  // The phoneme ids Piper's rules give for one chunk in a voice, one list per sentence (for the
  // reference check and tests). Throws EngineError for an unknown voice.
  std::vector<std::vector<std::int64_t>> sentence_ids(std::string_view text, std::string_view voice_id) const;
  // The same sentences as phoneme strings (UTF-8), for messages.
  std::vector<std::string> sentence_phonemes_utf8(std::string_view text, std::string_view voice_id) const;

 private:
  struct VoiceRef {
    const InstalledVoice* voice = nullptr;
    std::optional<std::int64_t> speaker;
    std::string speaker_name;
  };
  std::optional<VoiceRef> resolve(std::string_view voice_id) const;
  VoiceInfo describe(const VoiceRef& ref) const;
  std::vector<std::u32string> sentence_phonemes(std::string_view text, const InstalledVoice& voice) const;
  void warn_missing(const InstalledVoice& voice, const std::set<char32_t>& missing) const;

  PiperConfig config_;
  std::vector<InstalledVoice> voices_;
  EngineInfo info_;
  std::unique_ptr<PiperVoiceCache> cache_;
  mutable std::mutex warned_mutex_;
  mutable std::map<std::string, std::set<char32_t>> warned_;  // missing phonemes logged per voice
  // Voices whose graph failed to load: no longer offered, so requests for them are refused as
  // unknown instead of failing again and again (each failure would count against the whole
  // engine's circuit breaker). Until restart.
  mutable std::mutex broken_mutex_;
  std::set<std::string> broken_;
  bool is_broken(const std::string& name) const;
};

}  // namespace chorus::piper
