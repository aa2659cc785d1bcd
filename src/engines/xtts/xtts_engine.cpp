#include "engines/xtts/xtts_engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "engines/xtts/xtts_languages.h"
#include "engines/http_audio/pcm_stream_decoder.h"
#include "engines/xtts/xtts_text_split.h"

namespace chorus::xtts {
namespace {

std::string model_version_of(const XttsConfig& config) {
  return config.model_version.empty() ? derived_model_version(config.urls) : config.model_version;
}

}  // namespace

std::string derived_model_version(const std::vector<std::string>& urls) {
  std::vector<std::string> sorted = urls;
  std::sort(sorted.begin(), sorted.end());
  std::uint64_t hash = 1469598103934665603ull;
  for (const auto& url : sorted) {
    for (char c : url + "\n") {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return "xtts-v2@" + std::string(hex, 12);
}

XttsEngine::XttsEngine(XttsConfig config)
    : config_((config.Validate(), std::move(config))),
      latents_(std::string(kEngineName), model_version_of(config_), config_.latents_cache_entries) {
  pool_ = std::make_unique<EndpointPool>(
      config_, [this](const XttsClient& client, const std::vector<std::string>& languages) {
        on_endpoint_up(client, languages);
      });
  pool_->check_health();

  {
    std::lock_guard lock(probe_mutex_);
    service_codes_ = first_languages_.value_or(default_service_languages());
  }
  if (!pool_->any_healthy()) {
    spdlog::warn("xtts: no endpoint reachable at startup; assuming the 17 XTTS-v2 languages");
  }
  info_.name = std::string(kEngineName);
  info_.description = "Coqui XTTS-v2 (remote xtts-streaming-server)";
  info_.model_version = model_version_of(config_);
  info_.languages = advertised_languages(service_codes_);
  info_.sample_rate = kSampleRate;
  info_.can_clone = true;
  info_.streams = true;
  info_.min_speed = 1.0f;  // the server exposes no speed; the pipeline stretches the output
  info_.max_speed = 1.0f;
  info_.max_chunk_chars = char_limit("en");
  info_.max_concurrency =
      config_.max_streams_per_endpoint * static_cast<int>(config_.urls.size());
  spdlog::info("xtts: {} ({} studio speakers)", config_.ToString(), studio_.names().size());

  pool_->start_monitor(config_.health_interval);
}

XttsEngine::~XttsEngine() { pool_.reset(); }

void XttsEngine::on_endpoint_up(const XttsClient& client,
                                const std::vector<std::string>& languages) {
  {
    std::lock_guard lock(probe_mutex_);
    if (!first_languages_) first_languages_ = languages;
  }
  if (studio_.loaded()) return;
  try {
    studio_.replace(client.studio_speakers());
    spdlog::info("xtts: {} studio speakers from {}", studio_.names().size(), client.url());
  } catch (const std::exception& error) {
    // Tried again at the next probe; cloned voices work without them.
    spdlog::warn("xtts: could not load studio speakers from {}: {}", client.url(), error.what());
  }
}

bool XttsEngine::healthy() const { return pool_->any_healthy(); }

void XttsEngine::forget_speaker(const std::string& voice_id) { latents_.forget(voice_id); }

bool XttsEngine::check_health() { return pool_->check_health() > 0; }

std::size_t XttsEngine::max_chunk_chars_for(std::string_view language) const {
  auto code = service_language(language, service_codes_);
  return char_limit(code ? *code : std::string(language));
}

VoiceInfo XttsEngine::describe(const std::string& speaker) {
  VoiceInfo voice;
  voice.id = std::string(kVoicePrefix) + speaker;
  voice.name = speaker;
  voice.engine = std::string(kEngineName);
  // Empty language: XTTS voices speak every XTTS language; the request's language is used.
  return voice;
}

std::vector<VoiceInfo> XttsEngine::voices() const {
  std::vector<VoiceInfo> out;
  for (const auto& name : studio_.names()) out.push_back(describe(name));
  return out;
}

std::optional<VoiceInfo> XttsEngine::find_voice(std::string_view voice_id) const {
  if (voice_id.substr(0, kVoicePrefix.size()) != kVoicePrefix) return std::nullopt;
  auto name = studio_.find(voice_id.substr(kVoicePrefix.size()));
  if (!name) return std::nullopt;
  return describe(*name);
}

std::optional<VoiceInfo> XttsEngine::voice_for_alias(std::string_view alias,
                                                     std::string_view language) const {
  if (!service_language(language, service_codes_)) return std::nullopt;
  auto name = studio_.for_alias(alias);
  if (!name) return std::nullopt;
  return describe(*name);
}

std::shared_ptr<const Latents> XttsEngine::latents_for(const SynthesisRequest& request,
                                                       const EndpointPool::Lease& lease) {
  if (request.speaker) {
    const SpeakerReference& speaker = *request.speaker;
    return latents_.get(speaker, [&] {
      if (speaker.audio.empty() || speaker.sample_rate <= 0) {
        throw EngineError("xtts: cloned voice '" + speaker.voice_id + "' has no reference audio");
      }
      spdlog::info("xtts: computing speaker latents of voice {} at {}", speaker.voice_id,
                   lease.client().url());
      return lease.client().clone_speaker(http_audio::encode_wav(speaker.audio, speaker.sample_rate));
    });
  }
  std::string_view id = request.voice_id;
  if (id.substr(0, kVoicePrefix.size()) == kVoicePrefix) id.remove_prefix(kVoicePrefix.size());
  auto name = studio_.find(id);
  auto latents = name ? studio_.latents(*name) : nullptr;
  if (!latents) throw EngineError("xtts: unknown voice '" + request.voice_id + "'");
  return latents;
}

std::string XttsEngine::request_body(std::string_view text, const std::string& language,
                                     const Latents& latents) const {
  using nlohmann::json;
  const auto replace = json::error_handler_t::replace;
  std::string body = "{\"text\":" + json(std::string(text)).dump(-1, ' ', false, replace) +
                     ",\"language\":" + json(language).dump(-1, ' ', false, replace) +
                     ",\"add_wav_header\":true,\"stream_chunk_size\":\"" +
                     std::to_string(config_.stream_chunk_size) + "\",";
  append_latent_fields(body, latents);
  body += '}';
  return body;
}

bool XttsEngine::stream_piece(const EndpointPool::Lease& lease, const std::string& body,
                              const PcmSink& sink, const CancelToken& cancel) {
  http_audio::PcmStreamDecoder decoder(kSampleRate);
  std::vector<float> samples;
  bool sink_stopped = false;
  auto end = lease.client().tts_stream(
      body,
      [&](std::string_view bytes) {
        decoder.feed(bytes, samples);
        if (samples.empty()) return !cancel.cancelled();
        if (!sink(std::span<const float>(samples))) {
          sink_stopped = true;
          return false;
        }
        return !cancel.cancelled();
      },
      cancel);
  if (end == XttsClient::StreamEnd::kStopped || sink_stopped) return false;
  if (decoder.incomplete()) {
    spdlog::debug("xtts: stream from {} ended mid-sample or mid-header ({} samples)",
                  lease.client().url(), decoder.samples_decoded());
  }
  return true;
}

void XttsEngine::synthesize(const SynthesisRequest& request, const PcmSink& sink,
                            const CancelToken& cancel) {
  auto language = service_language(request.language, service_codes_);
  if (!language) {
    throw EngineError("xtts: language '" + request.language + "' is not spoken by XTTS");
  }
  const auto pieces = split_for_xtts(request.text, request.language, char_limit(*language));
  if (pieces.empty() || cancel.cancelled()) return;

  auto lease = pool_->acquire(cancel);
  if (!lease) return;  // cancelled while waiting for a free endpoint
  try {
    auto latents = latents_for(request, *lease);
    for (const auto& piece : pieces) {
      if (cancel.cancelled()) return;
      if (!stream_piece(*lease, request_body(piece, *language, *latents), sink, cancel)) return;
    }
  } catch (const EndpointUnavailable& error) {
    lease->report_down(error.what());
    throw;
  }
}

}  // namespace chorus::xtts
