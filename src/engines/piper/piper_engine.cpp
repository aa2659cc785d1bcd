#include "engines/piper/piper_engine.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "audio/resampler.h"
#include "core/api_error.h"
#include "core/sha256.h"
#include "engines/onnx/onnx_run_gate.h"
#include "engines/phonemizer/espeak_phonemes.h"
#include "engines/piper/piper_phoneme_ids.h"
#include "text/language.h"
#include "text/markup.h"
#include "text/utf8.h"

namespace chorus::piper {
namespace {

constexpr const char* kPrefix = "piper:";
// Medium and high voices speak at 22.05 kHz; x_low and low ones (16 kHz) are resampled to it.
constexpr int kEngineRate = 22050;

std::u32string code_points(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) out.push_back(decode_utf8(text, pos));
  return out;
}

// Kept at the model's level (clipped), not scaled to each sentence's peak as Piper's own
// programs do: per-sentence normalization makes loudness jump between sentences and chunks.
std::vector<float> clipped(std::span<const float> samples) {
  std::vector<float> out(samples.begin(), samples.end());
  for (float& s : out) s = std::isfinite(s) ? std::clamp(s, -1.0f, 1.0f) : 0.0f;
  return out;
}

// A stable pick among n voices for an OpenAI name, so "alloy" keeps its voice across restarts.
std::size_t alias_index(std::string_view alias, std::size_t n) {
  std::uint32_t hash = 2166136261u;
  for (char c : alias) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return n == 0 ? 0 : hash % n;
}

std::string model_version(const std::vector<InstalledVoice>& voices) {
  // Voice files replaced under the same name must not replay cached audio of the old ones.
  std::string listing;
  for (const auto& voice : voices) listing += voice.name + ":" + std::to_string(voice.model_bytes) + ";";
  return "piper (" + std::to_string(voices.size()) + " voices, " + sha256_hex(listing).substr(0, 12) + ")";
}

}  // namespace

PiperEngine::PiperEngine(PiperConfig config, std::vector<InstalledVoice> voices)
    : config_(std::move(config)), voices_(std::move(voices)) {
  const bool needs_espeak = std::any_of(voices_.begin(), voices_.end(),
                                        [](const auto& v) { return !v.config.text_phonemes; });
  if (needs_espeak) initialize_espeak_phonemes(config_.espeak_data_dir);
  info_.name = "piper";
  info_.description = "Piper VITS voices on ONNX Runtime, espeak-ng phonemes";
  info_.model_version = model_version(voices_);
  info_.sample_rate = kEngineRate;
  info_.streams = true;  // one sink call per sentence
  // Speed is the model's length_scale; beyond 0.5-2x VITS durations sound unnatural, so the
  // rest is done by the shared tempo post-processing.
  info_.min_speed = 0.5f;
  info_.max_speed = 2.0f;
  // A sentence or two per chunk: chunks are what runs side by side (parallel_chunks below), and
  // Piper speaks sentence by sentence whatever the chunk, so the cut between sentences changes
  // nothing; only a sentence longer than this is cut at a clause.
  info_.max_chunk_chars = 200;
  // One thread per Run and one Run per core, a request's chunks side by side
  // (pipeline/chunk_lanes.h): a second thread speeds a Piper Run up only about 1.3x (its text
  // encoder, durations and flow hardly at all; the decoder 1.6x), so two one-thread Runs at once
  // get through sentences faster than two-thread Runs one after the other (docs/benchmarks.md).
  if (config_.session.intra_op_threads <= 0) config_.session.intra_op_threads = 1;
  info_.parallel_chunks = std::max(1, onnx::resolve_parallel_runs(0) / config_.session.intra_op_threads);
  info_.accepts_ipa_markup = true;  // pronunciations become phonemes (sentence_phonemes)
  std::set<std::string> languages;
  for (const auto& voice : voices_) {
    languages.insert(voice.language);
    languages.insert(primary_subtag(voice.language));
  }
  info_.languages.assign(languages.begin(), languages.end());

  const onnx::SessionOptions session = config_.session;
  std::optional<std::uint64_t> seed;
  if (config_.noise_seed >= 0) seed = static_cast<std::uint64_t>(config_.noise_seed);
  cache_ = std::make_unique<PiperVoiceCache>(config_.cache, [this, session, seed](const std::string& name) {
    auto voice = std::find_if(voices_.begin(), voices_.end(), [&](const auto& v) { return v.name == name; });
    const auto started = std::chrono::steady_clock::now();
    auto model =
        std::make_shared<const PiperVoiceModel>(voice->model_path, voice->config.multi_speaker(), session, seed);
    spdlog::info("piper: loaded voice {} ({:.1f} MB) in {} ms{}{}", name, static_cast<double>(voice->model_bytes) / 1e6,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                     .count(),
                 seed ? fmt::format(", noise seed {}", *seed) : std::string(),
                 model->decoder_split() ? ", decoder split off (first audio early)" : "");
    return model;
  });
}

std::optional<PiperEngine::VoiceRef> PiperEngine::resolve(std::string_view voice_id) const {
  if (voice_id.rfind(kPrefix, 0) != 0) return std::nullopt;
  std::string_view rest = voice_id.substr(std::string_view(kPrefix).size());
  std::string_view speaker;
  if (auto hash = rest.find('#'); hash != std::string_view::npos) {
    speaker = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  for (const auto& voice : voices_) {
    if (voice.name != rest) continue;
    if (is_broken(voice.name)) return std::nullopt;
    VoiceRef ref{&voice, std::nullopt, {}};
    if (!voice.config.multi_speaker()) {
      if (!speaker.empty()) return std::nullopt;
      return ref;
    }
    if (speaker.empty()) {  // the voice's first speaker
      ref.speaker = 0;
      for (const auto& [name, id] : voice.config.speaker_id_map) {
        if (id == 0) ref.speaker_name = name;
      }
      return ref;
    }
    auto it = voice.config.speaker_id_map.find(std::string(speaker));
    if (it != voice.config.speaker_id_map.end()) {
      ref.speaker = it->second;
      ref.speaker_name = it->first;
      return ref;
    }
    // Voices without names for their speakers are addressed by number: "NAME#3".
    if (std::all_of(speaker.begin(), speaker.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        speaker.size() < 7) {
      const long id = std::stol(std::string(speaker));
      if (id < voice.config.num_speakers) {
        ref.speaker = id;
        ref.speaker_name = std::string(speaker);
        return ref;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

VoiceInfo PiperEngine::describe(const VoiceRef& ref) const {
  VoiceInfo info;
  info.engine = info_.name;
  info.language = ref.voice->language;
  info.id = kPrefix + ref.voice->name;
  info.name = ref.voice->name;
  if (ref.voice->config.multi_speaker()) {
    info.id += "#" + ref.speaker_name;
    info.name += " (" + ref.speaker_name + ")";
  }
  return info;  // Piper's voice files do not record gender
}

bool PiperEngine::is_broken(const std::string& name) const {
  std::lock_guard lock(broken_mutex_);
  return broken_.count(name) > 0;
}

std::vector<VoiceInfo> PiperEngine::voices() const {
  std::vector<VoiceInfo> out;
  for (const auto& voice : voices_) {
    if (is_broken(voice.name)) continue;
    if (!voice.config.multi_speaker()) {
      out.push_back(describe({&voice, std::nullopt, {}}));
      continue;
    }
    std::map<std::int64_t, std::string> by_id;
    for (const auto& [name, id] : voice.config.speaker_id_map) by_id.emplace(id, name);
    for (int id = 0; id < voice.config.num_speakers; ++id) {
      auto named = by_id.find(id);
      out.push_back(describe({&voice, id, named == by_id.end() ? std::to_string(id) : named->second}));
    }
  }
  return out;
}

std::optional<VoiceInfo> PiperEngine::find_voice(std::string_view voice_id) const {
  auto ref = resolve(voice_id);
  if (!ref) return std::nullopt;
  return describe(*ref);
}

std::optional<VoiceInfo> PiperEngine::voice_for_alias(std::string_view alias, std::string_view language) const {
  const std::string tag(language);
  const std::string primary = primary_subtag(tag);
  std::vector<VoiceInfo> exact, same_language;
  for (auto& voice : voices()) {
    if (voice.language == tag) exact.push_back(voice);
    if (primary_subtag(voice.language) == primary) same_language.push_back(voice);
  }
  const auto& pool = exact.empty() ? same_language : exact;
  if (pool.empty()) return std::nullopt;
  return pool[alias_index(alias, pool.size())];
}

std::vector<std::u32string> PiperEngine::sentence_phonemes(std::string_view text, const InstalledVoice& voice) const {
  std::vector<std::u32string> sentences;
  if (voice.config.text_phonemes) {
    sentences.push_back(map_phonemes(decompose_phonemes(code_points(text)), voice.config));
    return sentences;
  }
  // "[word](/ipa/)" pronunciations go in as their IPA; the text around them through espeak-ng.
  std::vector<PhonemeClause> clauses;
  for (const auto& segment : parse_inline_markup(text)) {
    if (segment.kind == TextSegment::Kind::kPhonemes) {
      clauses.push_back({segment.phonemes, 0, false});
    } else if (segment.kind == TextSegment::Kind::kText) {
      for (auto& clause : espeak_clauses(segment.text, voice.config.espeak_voice)) clauses.push_back(std::move(clause));
    }
  }
  for (const auto& sentence : piper_sentences(clauses)) {
    sentences.push_back(map_phonemes(decompose_phonemes(code_points(sentence)), voice.config));
  }
  return sentences;
}

void PiperEngine::warn_missing(const InstalledVoice& voice, const std::set<char32_t>& missing) const {
  if (missing.empty()) return;
  std::lock_guard lock(warned_mutex_);
  auto& warned = warned_[voice.name];
  std::string news;
  for (char32_t p : missing) {
    if (warned.insert(p).second) news += (news.empty() ? "" : " ") + to_utf8(p);
  }
  if (!news.empty()) spdlog::warn("piper: voice {} has no id for phoneme(s) {} (dropped)", voice.name, news);
}

std::vector<std::vector<std::int64_t>> PiperEngine::sentence_ids(std::string_view text,
                                                                 std::string_view voice_id) const {
  auto ref = resolve(voice_id);
  if (!ref) throw EngineError("piper: unknown voice '" + std::string(voice_id) + "'");
  std::vector<std::vector<std::int64_t>> out;
  for (const auto& phonemes : sentence_phonemes(text, *ref->voice)) {
    std::set<char32_t> missing;
    out.push_back(phoneme_ids(phonemes, ref->voice->config, &missing));
    warn_missing(*ref->voice, missing);
  }
  return out;
}

std::vector<std::string> PiperEngine::sentence_phonemes_utf8(std::string_view text, std::string_view voice_id) const {
  auto ref = resolve(voice_id);
  if (!ref) throw EngineError("piper: unknown voice '" + std::string(voice_id) + "'");
  std::vector<std::string> out;
  for (const auto& phonemes : sentence_phonemes(text, *ref->voice)) {
    std::string utf8;
    for (char32_t p : phonemes) append_utf8(utf8, p);
    out.push_back(std::move(utf8));
  }
  return out;
}

void PiperEngine::synthesize(const SynthesisRequest& request, const PcmSink& sink, const CancelToken& cancel) {
  auto ref = resolve(request.voice_id);
  if (!ref) throw EngineError("piper: unknown voice '" + request.voice_id + "'");
  const InstalledVoice& voice = *ref->voice;
  std::shared_ptr<const PiperVoiceModel> model;
  try {
    model = cache_->get(voice.name);
  } catch (const std::exception& e) {
    spdlog::error("piper: voice {} cannot be used: {} (no longer offered until restart)", voice.name, e.what());
    {
      std::lock_guard lock(broken_mutex_);
      broken_.insert(voice.name);
    }
    throw EngineError(std::string("piper: voice ") + voice.name + " cannot be loaded: " + e.what());
  }
  const float speed = std::clamp(std::isfinite(request.speed) ? request.speed : 1.0f, info_.min_speed,
                                 info_.max_speed);
  PiperScales scales;
  scales.noise_scale = config_.noise_scale >= 0 ? config_.noise_scale : voice.config.noise_scale;
  scales.noise_w = config_.noise_w >= 0 ? config_.noise_w : voice.config.noise_w;
  scales.length_scale = voice.config.length_scale / speed;
  audio::Resampler resampler(voice.config.sample_rate, kEngineRate);
  std::vector<float> out;
  const std::size_t silence = static_cast<std::size_t>(config_.sentence_silence_s * kEngineRate);
  // The response's first sentence hands on its first samples before the rest is decoded.
  bool first_sentence = request.opens_response;
  bool stopped = false;
  const PiperVoiceModel::EarlyAudio early = [&](std::span<const float> samples) {
    out.clear();
    resampler.process(clipped(samples), out);
    stopped = !out.empty() && !sink(out);
    return !stopped;
  };
  for (const auto& phonemes : sentence_phonemes(request.text, voice)) {
    if (cancel.cancelled()) return;
    std::set<char32_t> missing;
    const auto ids = phoneme_ids(phonemes, voice.config, &missing);
    warn_missing(voice, missing);
    if (ids.size() <= voice.config.phoneme_id_map.at(U'^').size() + voice.config.phoneme_id_map.at(U'_').size() +
                          voice.config.phoneme_id_map.at(U'$').size()) {
      continue;  // nothing the voice can say in this sentence
    }
    PiperVoiceModel::Output result;
    try {
      result = model->run(ids, scales, ref->speaker, first_sentence ? early : PiperVoiceModel::EarlyAudio{});
    } catch (const std::exception& e) {
      throw EngineError(std::string("piper: voice ") + voice.name + ": " + e.what());
    }
    if (stopped) return;
    first_sentence = false;
    out.clear();
    resampler.process(clipped(result.audio), out);
    resampler.drain(out);
    out.resize(out.size() + silence, 0.0f);
    if (!out.empty() && !sink(out)) return;
  }
}

std::vector<std::pair<std::string, double>> PiperEngine::stats() const {
  const auto counts = cache_->counts();
  return {{"voices_installed", static_cast<double>(voices_.size())},
          {"voices_loaded", static_cast<double>(counts.loaded)},
          {"voice_loads", static_cast<double>(counts.loads)},
          {"voice_unloads", static_cast<double>(counts.unloads)},
          {"voice_load_failures", static_cast<double>(counts.failures)}};
}

}  // namespace chorus::piper
