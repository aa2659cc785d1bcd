#include "engines/kokoro/kokoro_engine.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "core/api_error.h"
#include "engines/kokoro/kokoro_aliases.h"
#include "engines/kokoro/kokoro_batching.h"
#include "engines/kokoro/kokoro_chunk_phonemes.h"
#include "engines/kokoro/kokoro_model_files.h"
#include "engines/kokoro/kokoro_output_guard.h"

namespace chorus::kokoro {
namespace {

// Short fades where a trim cut into the signal, so batch joins never click.
constexpr std::size_t kFadeSamples = kSampleRate / 500;  // 2 ms

void fade_edges(std::vector<float>& pcm, bool fade_in, bool fade_out) {
  const std::size_t n = std::min(kFadeSamples, pcm.size() / 2);
  for (std::size_t i = 0; i < n; ++i) {
    const float g = static_cast<float>(i) / static_cast<float>(n);
    if (fade_in) pcm[i] *= g;
    if (fade_out) pcm[pcm.size() - 1 - i] *= g;
  }
}

Vocabulary vocabulary_for(const SessionSignature& signature, const std::string& model_path) {
  if (!signature.kokoro_config) return Vocabulary::v1();
  try {
    return Vocabulary::from_config_json(*signature.kokoro_config);
  } catch (const std::exception& e) {
    throw KokoroLoadError(model_path + ": " + e.what());
  }
}

std::unique_ptr<KokoroSession> open_session(const KokoroConfig& config) {
  config.Validate();
  SessionOptions options;
  options.intra_op_threads = config.threads_per_run();
  options.inter_op_threads = config.inter_op_threads;
  options.cpu_arena = config.cpu_arena;
  return std::make_unique<KokoroSession>(config.model_path, options);
}

VoiceTable load_voices(const std::string& path) {
  try {
    return VoiceTable::load(path);
  } catch (const NpzError& e) {
    throw KokoroLoadError(e.what());
  }
}

}  // namespace

KokoroEngine::KokoroEngine(KokoroConfig config, IpaFunction ipa, JapaneseFunction japanese)
    : config_(std::move(config)),
      session_(open_session(config_)),
      run_gate_(std::make_unique<onnx::RunGate>(onnx::resolve_parallel_runs(config_.max_concurrency))),
      vocab_(vocabulary_for(session_->signature(), config_.model_path)),
      voice_table_(load_voices(config_.voices_path)),
      phonemizer_(std::move(ipa), std::move(japanese)) {
  info_.name = "kokoro";
  info_.description = "Kokoro-82M (ONNX Runtime)";
  info_.model_version = "kokoro " + model_version(config_.model_path);
  info_.languages = {"en", "en-us", "en-gb", "es", "fr", "hi", "it", "pt", "pt-br"};
  if (phonemizer_.speaks_japanese()) info_.languages.push_back("ja");
  info_.sample_rate = kSampleRate;
  info_.streams = true;
  // An integer speed input (hexgrad's first export) cannot take fractions: 1.0 natively,
  // everything else is left to the shared post-processing.
  info_.min_speed = signature().integer_speed() ? 1.0f : kMinSpeed;
  info_.max_speed = signature().integer_speed() ? 1.0f : kMaxSpeed;
  info_.max_concurrency = run_gate_->slots();
  // Runs of one thread side by side: a request's chunks share the cores (pipeline/chunk_lanes.h).
  info_.parallel_chunks = std::max(1, run_gate_->slots() / config_.threads_per_run());
  // Chunks run side by side want similar lengths (one long chunk would run alone at the end):
  // about a sentence each instead of sentences merged up to 400 characters.
  info_.max_chunk_chars = info_.parallel_chunks > 1 ? 200 : 400;
  info_.prepares_ahead = true;
  info_.accepts_ipa_markup = true;  // the IPA goes into the token sequence (kokoro_chunk_phonemes.h)
  info_.word_timings = true;        // from the duration output (estimated without one)
}

std::optional<VoiceBlend> KokoroEngine::resolve(std::string_view voice_id) const {
  if (voice_id.rfind("kokoro:", 0) == 0) voice_id.remove_prefix(7);
  auto blend = parse_voice_blend(voice_id);
  if (!blend) return std::nullopt;
  for (const auto& part : blend->parts) {
    if (!voice_table_.contains(part.first)) return std::nullopt;
  }
  return blend;
}

VoiceInfo KokoroEngine::describe(const VoiceBlend& blend) const {
  VoiceInfo info;
  info.id = blend.id();
  info.name = info.id;
  info.engine = "kokoro";
  const std::string& first = blend.parts.front().first;
  info.language = voice_language(first);
  info.gender = voice_gender(first);
  for (const auto& part : blend.parts) {
    if (voice_gender(part.first) != info.gender) info.gender.clear();
  }
  return info;
}

std::vector<VoiceInfo> KokoroEngine::voices() const {
  std::vector<VoiceInfo> out;
  for (const auto& name : voice_table_.names()) out.push_back(describe(VoiceBlend{{{name, 1.0f}}}));
  return out;
}

std::optional<VoiceInfo> KokoroEngine::find_voice(std::string_view voice_id) const {
  auto blend = resolve(voice_id);
  if (!blend) return std::nullopt;
  VoiceInfo info = describe(*blend);
  // Keep the caller's spelling so the voice resolves to itself again in synthesize().
  if (blend->parts.size() > 1) info.id = std::string(voice_id);
  return info;
}

std::optional<VoiceInfo> KokoroEngine::voice_for_alias(std::string_view alias, std::string_view language) const {
  const auto lang = find_phonemizer_language(language);
  if (!lang) return std::nullopt;
  const std::string name = voice_for_openai_name(alias, lang->tag, voice_table_.names());
  if (name.empty()) return std::nullopt;
  return describe(VoiceBlend{{{name, 1.0f}}});
}

void KokoroEngine::synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken& cancel) {
  const auto blend = resolve(request.voice_id);
  if (!blend) throw EngineError("kokoro: unknown voice '" + request.voice_id + "'");
  const ChunkPhonemes phonemes = phonemes_for(request, *blend);
  KokoroWordClock clock(vocab_);
  const bool complete = synthesize_phonemes(phonemes.phonemes, *blend, request.speed, sink, cancel,
                                            request.on_word ? &clock : nullptr);
  if (complete && request.on_word) report_word_timings(request, phonemes.word_sources, clock);
}

bool KokoroEngine::synthesize_phonemes(std::string_view phonemes, const VoiceBlend& voice, float speed,
                                       const PcmSink& sink, const CancelToken& cancel,
                                       KokoroWordClock* clock) const {
  const float native_speed = std::clamp(std::isfinite(speed) ? speed : 1.0f, info_.min_speed, info_.max_speed);
  std::vector<std::int64_t> ids;
  for (const Batch& batch : split_batches(phonemes, vocab_)) {
    if (cancel.cancelled()) return false;
    ids.assign(1, kPadId);
    ids.insert(ids.end(), batch.ids.begin(), batch.ids.end());
    ids.push_back(kPadId);
    std::vector<float> style;
    try {
      style = voice_table_.style(voice, voice_table_.row_for(batch.ids.size()));
    } catch (const std::out_of_range& e) {
      throw EngineError(std::string("kokoro: ") + e.what());
    }
    const auto slot = run_gate_->enter(cancel);
    if (!slot) return false;
    KokoroSession::Output out;
    try {
      out = session_->run(ids, style, native_speed);
    } catch (const std::exception& e) {
      throw EngineError(e.what());
    }
    std::vector<float>& pcm = out.audio;
    if (const auto repair = remove_corrupt_samples(pcm); repair.removed || repair.zeroed) {
      spdlog::debug("kokoro: model output not audio: {} samples cut from the end, {} silenced ({} tokens)",
                    repair.removed, repair.zeroed, batch.ids.size());
    }
    const std::size_t raw_samples = pcm.size();
    std::size_t trimmed_head = 0;
    if (config_.trim_silence) {
      const auto [begin, end] = non_silent_range(pcm);
      trimmed_head = begin;
      const bool cut_head = begin > 0, cut_tail = end < pcm.size();
      pcm.erase(pcm.begin() + static_cast<std::ptrdiff_t>(end), pcm.end());
      pcm.erase(pcm.begin(), pcm.begin() + static_cast<std::ptrdiff_t>(begin));
      fade_edges(pcm, cut_head, cut_tail);
    }
    if (clock) clock->add_batch(batch.ids, out.durations, raw_samples, trimmed_head, pcm.size());
    if (pcm.empty()) continue;
    if (cancel.cancelled() || !sink(std::span<const float>(pcm))) return false;
  }
  return true;
}

}  // namespace chorus::kokoro
