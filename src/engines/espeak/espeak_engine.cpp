#include "engines/espeak/espeak_engine.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/api_error.h"
#include "engines/espeak/espeak_input.h"
#include "engines/espeak/espeak_language_map.h"
#include "engines/phonemizer/espeak_library.h"
#include "engines/espeak/espeak_voice_aliases.h"
#include "engines/espeak/espeak_voice_id.h"
#include "engines/espeak/espeak_word_timings.h"

namespace chorus {
namespace {

// espeak's documented rate range in words per minute; 175 is its normal speaking rate.
constexpr int kMinRate = 80;
constexpr int kMaxRate = 450;
constexpr int kNormalRate = 175;

// espeak's own defaults, restored per call so nothing another caller set leaks in.
constexpr int kDefaultVolume = 100;
constexpr int kDefaultPitch = 50;
constexpr int kDefaultRange = 50;

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

void set_parameter(espeak_PARAMETER parameter, int value) {
  if (espeak_SetParameter(parameter, value, 0) != EE_OK) {
    throw EngineError("espeak-ng rejected parameter " + std::to_string(parameter));
  }
}

}  // namespace

EspeakEngine::EspeakEngine(const EspeakConfig& config) : config_(config) {
  config_.Validate();
  EspeakLibrary& library = EspeakLibrary::instance();
  library.initialize(config_.data_path);
  {
    auto lock = library.lock();
    catalog_ = EspeakVoiceCatalog::load(lock);
  }
  if (catalog_.voices().empty()) throw EngineError("espeak-ng lists no voices");
  for (const auto& variant : {config_.female_variant, config_.male_variant}) {
    if (!variant.empty() && catalog_.find_variant(variant) == nullptr) {
      throw EngineError("espeak-ng has no voice variant '" + variant + "'");
    }
  }
  if (!espeak_voice_for_language(catalog_, config_.default_language)) {
    throw EngineError("espeak-ng has no voice for default language '" + config_.default_language + "'");
  }

  info_.name = "espeak";
  info_.description = "eSpeak NG formant synthesizer (built in, many languages, no model files)";
  info_.model_version = "espeak-ng " + library.version();
  info_.languages = catalog_.languages();
  for (auto& tag : extra_language_tags(catalog_)) {
    if (std::ranges::find(info_.languages, tag) == info_.languages.end()) info_.languages.push_back(tag);
  }
  std::ranges::sort(info_.languages);
  info_.sample_rate = library.sample_rate();
  info_.can_clone = false;
  info_.streams = true;  // the synth callback hands over ~500 ms pieces
  info_.min_speed = static_cast<float>(kMinRate) / kNormalRate;
  info_.max_speed = static_cast<float>(kMaxRate) / kNormalRate;
  info_.max_chunk_chars = config_.max_chunk_chars;
  info_.max_concurrency = 1;
  info_.accepts_ipa_markup = true;  // converted to espeak phoneme input (espeak_input.h)
  info_.word_timings = true;        // from espeak's word events
}

int EspeakEngine::rate_for_speed(float speed) {
  if (!std::isfinite(speed) || speed <= 0.0f) speed = 1.0f;
  const long rate = std::lround(static_cast<double>(speed) * kNormalRate);
  return static_cast<int>(std::clamp<long>(rate, kMinRate, kMaxRate));
}

VoiceInfo EspeakEngine::describe(const Resolved& resolved) {
  VoiceInfo info;
  info.engine = "espeak";
  info.language = resolved.voice->language;
  info.id = format_espeak_voice_id(resolved.voice->name,
                                   resolved.variant ? resolved.variant->id : std::string());
  info.name = resolved.voice->display_name;
  info.gender = resolved.voice->gender;
  if (resolved.variant != nullptr) {
    info.name += " (" + resolved.variant->display_name + ")";
    if (!resolved.variant->gender.empty()) info.gender = resolved.variant->gender;
  }
  return info;
}

std::vector<VoiceInfo> EspeakEngine::voices() const {
  std::vector<VoiceInfo> out;
  out.reserve(catalog_.voices().size());
  for (const auto& voice : catalog_.voices()) out.push_back(describe({&voice, nullptr}));
  return out;
}

std::optional<EspeakEngine::Resolved> EspeakEngine::resolve(std::string_view voice_id) const {
  const auto parsed = parse_espeak_voice_id(voice_id);
  if (!parsed) return std::nullopt;
  Resolved resolved;
  resolved.voice = catalog_.find_voice(parsed->voice);
  if (resolved.voice == nullptr) {
    const auto name = espeak_voice_for_language(catalog_, parsed->voice);
    if (!name) return std::nullopt;
    resolved.voice = catalog_.find_voice(*name);
  }
  if (!parsed->variant.empty()) {
    resolved.variant = catalog_.find_variant(parsed->variant);
    if (resolved.variant == nullptr) return std::nullopt;
  }
  return resolved;
}

std::optional<VoiceInfo> EspeakEngine::find_voice(std::string_view voice_id) const {
  const auto resolved = resolve(voice_id);
  if (!resolved) return std::nullopt;
  return describe(*resolved);
}

const EspeakVariant* EspeakEngine::variant_for_alias(std::string_view preferred,
                                                     std::string_view gender) const {
  if (config_.per_alias_variants) {
    if (const EspeakVariant* variant = catalog_.find_variant(preferred)) return variant;
  }
  // Older or trimmed espeak data may lack the table's variant: fall back to the gender default.
  const std::string& fallback = gender == "female" ? config_.female_variant : config_.male_variant;
  return fallback.empty() ? nullptr : catalog_.find_variant(fallback);
}

std::optional<VoiceInfo> EspeakEngine::voice_for_alias(std::string_view alias,
                                                       std::string_view language) const {
  const auto entry = find_espeak_alias(alias);
  if (!entry) return std::nullopt;
  const std::string tag =
      canonical_espeak_tag(language.empty() ? std::string_view(config_.default_language) : language);

  Resolved resolved;
  // The table's English voice applies to generic English only; "en-us" or "en-au" asked for a
  // specific accent and keep it.
  if (!entry->english_voice.empty() && (tag == "en" || tag == "en-gb")) {
    resolved.voice = catalog_.find_voice(entry->english_voice);
  }
  if (resolved.voice == nullptr) {
    const auto name = espeak_voice_for_language(catalog_, tag);
    if (!name) return std::nullopt;
    resolved.voice = catalog_.find_voice(*name);
  }
  resolved.variant = variant_for_alias(entry->variant, entry->gender);
  return describe(resolved);
}

void EspeakEngine::synthesize(const SynthesisRequest& request, const PcmSink& sink,
                              const CancelToken& cancel) {
  // Answering with a stock voice instead of the cloned one would be silently wrong.
  if (request.speaker) throw EngineError("espeak cannot speak cloned voices");
  std::optional<Resolved> resolved;
  if (!request.voice_id.empty()) {
    resolved = resolve(request.voice_id);
  } else if (const auto name = espeak_voice_for_language(catalog_, request.language)) {
    resolved = Resolved{catalog_.find_voice(*name), nullptr};
  }
  if (!resolved) {
    throw EngineError("espeak: unknown voice '" + request.voice_id + "' (language '" +
                      request.language + "')");
  }
  if (cancel.cancelled() || is_blank(request.text)) return;

  // espeak loads the voice file by identifier; the variant file follows '+', case preserved.
  std::string espeak_name = resolved->voice->file;
  if (resolved->variant != nullptr) espeak_name += "+" + resolved->variant->file;

  const EspeakInput input = build_espeak_input(request.text);
  std::vector<EspeakLibrary::SynthEvent> events;
  const EspeakLibrary::EventHandler on_event = [&](const EspeakLibrary::SynthEvent& e) { events.push_back(e); };
  std::size_t total_samples = 0;
  std::vector<float> scratch;
  const EspeakLibrary::SampleHandler handler = [&](std::span<const std::int16_t> pcm) {
    if (cancel.cancelled()) return false;
    total_samples += pcm.size();
    scratch.resize(pcm.size());
    std::transform(pcm.begin(), pcm.end(), scratch.begin(),
                   [](std::int16_t s) { return static_cast<float>(s) / 32768.0f; });
    return sink(std::span<const float>(scratch)) && !cancel.cancelled();
  };

  EspeakLibrary& library = EspeakLibrary::instance();
  auto lock = library.lock();
  if (!library.load_voice(lock, espeak_name)) {
    throw EngineError("espeak-ng could not load voice '" + espeak_name + "'");
  }
  set_parameter(espeakRATE, rate_for_speed(request.speed));
  set_parameter(espeakVOLUME, kDefaultVolume);
  set_parameter(espeakPITCH, kDefaultPitch);
  set_parameter(espeakRANGE, kDefaultRange);
  EspeakLibrary::SynthOptions options;
  options.phonemes = input.phonemes;
  if (request.on_word) options.on_event = &on_event;
  const bool complete = library.synthesize(lock, input.text, handler, options);
  if (complete && request.on_word) {
    for (const auto& timing : espeak_word_timings(events, input, info_.sample_rate, total_samples)) {
      request.on_word(timing);
    }
  }
}

}  // namespace chorus
