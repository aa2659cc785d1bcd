#pragma once
// Kokoro-82M on ONNX Runtime: text -> espeak-ng IPA (misaki tables) -> token batches of at most
// 510 -> one Run per batch with the voice's style row for that batch length -> trimmed PCM.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engines/engine.h"
#include "engines/kokoro/kokoro_chunk_phonemes.h"
#include "engines/kokoro/kokoro_config.h"
#include "engines/kokoro/kokoro_phonemizer.h"
#include "engines/onnx/onnx_run_gate.h"
#include "engines/kokoro/kokoro_session.h"
#include "engines/kokoro/kokoro_vocab.h"
#include "engines/kokoro/kokoro_voices.h"
#include "engines/kokoro/kokoro_word_clock.h"

namespace chorus::kokoro {

inline constexpr int kSampleRate = 24000;
inline constexpr float kMinSpeed = 0.5f;  // kokoro-onnx's accepted range
inline constexpr float kMaxSpeed = 2.0f;

class KokoroEngine : public Engine {
 public:
  // Loads the graph and the voices. Throws KokoroLoadError (file + reason) when either is
  // unusable and std::invalid_argument for a bad config. `ipa` phonemizes for espeak voices.
  // `japanese` (optional) phonemizes Japanese; without it the engine does not speak Japanese.
  KokoroEngine(KokoroConfig config, IpaFunction ipa, JapaneseFunction japanese = {});

  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override;
  std::optional<VoiceInfo> find_voice(std::string_view voice_id) const override;
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias, std::string_view language) const override;
  void synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken& cancel) override;
  // G2P for one chunk (kokoro_text_stage.cpp), so the pipeline phonemizes chunk k+1 while the
  // model runs chunk k. Null for a blank chunk.
  std::shared_ptr<const PreparedChunk> prepare(const SynthesisRequest& request) const override;

  // Synthesizes a phoneme string directly (no G2P): batching, style rows, speed and trimming
  // as in synthesize(). Returns false when the sink stopped or cancel fired. A clock, when
  // given, learns where each phoneme word is heard.
  bool synthesize_phonemes(std::string_view phonemes, const VoiceBlend& voice, float speed, const PcmSink& sink,
                           const CancelToken& cancel, KokoroWordClock* clock = nullptr) const;

  const SessionSignature& signature() const { return session_->signature(); }
  const Vocabulary& vocabulary() const { return vocab_; }
  const VoiceTable& voice_table() const { return voice_table_; }
  const KokoroConfig& config() const { return config_; }

 private:
  std::optional<VoiceBlend> resolve(std::string_view voice_id) const;
  // The chunk's phonemes: the prepared ones when request.prepared holds them, else G2P now.
  // Throws EngineError for an unknown voice, a language without phonemizer or a G2P failure.
  ChunkPhonemes phonemes_for(const SynthesisRequest& request, const VoiceBlend& blend) const;
  ChunkPhonemes phonemize(const SynthesisRequest& request, const VoiceBlend& blend) const;
  VoiceInfo describe(const VoiceBlend& blend) const;
  // Hands the chunk's word timings to request.on_word (kokoro_engine_timings.cpp).
  static void report_word_timings(const SynthesisRequest& request,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& word_sources,
                                  const KokoroWordClock& clock);

  KokoroConfig config_;
  std::unique_ptr<KokoroSession> session_;
  std::unique_ptr<onnx::RunGate> run_gate_;  // a pointer: entering it is not a change of the engine
  Vocabulary vocab_;
  VoiceTable voice_table_;
  Phonemizer phonemizer_;
  EngineInfo info_;
};

}  // namespace chorus::kokoro
