#include "engines/remote/remote_engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "engines/http_audio/pcm_stream_decoder.h"
#include "text/language.h"

namespace chorus::remote {
namespace {

// OpenAI's API takes up to 4096 characters per request; fewer round trips mean fewer seams.
constexpr std::size_t kMaxChunkChars = 4000;

std::vector<std::string> advertised_languages(const RemoteConfig& config,
                                              const std::vector<RemoteVoice>& voices) {
  std::set<std::string> tags;
  for (const auto& language : config.languages) {
    if (auto tag = normalize_language_tag(language)) tags.insert(*tag);
  }
  if (tags.empty()) {
    for (const auto& voice : voices) {
      if (voice.language.empty()) continue;
      tags.insert(voice.language);
      tags.insert(primary_subtag(voice.language));
    }
  }
  if (tags.empty()) tags.insert("en");
  return {tags.begin(), tags.end()};
}

}  // namespace

RemoteEngine::RemoteEngine(RemoteConfig config)
    : config_((config.Validate(), std::move(config))), client_(config_) {
  info_.name = config_.name;
  info_.description = "OpenAI-compatible speech server at " + config_.url;
  // Cache keys include this: a different server or model never replays another's audio.
  info_.model_version = "remote:" + config_.url + "#" + config_.model;
  info_.sample_rate = config_.sample_rate;
  info_.streams = true;
  info_.min_speed = 0.25f;  // OpenAI's speed range, sent along
  info_.max_speed = 4.0f;
  info_.max_chunk_chars = kMaxChunkChars;
  info_.max_concurrency = config_.max_streams;
  if (!config_.fetches_voices()) voices_ = static_voice_list(config_.voices);
  info_.languages = advertised_languages(config_, voices_);
  check_health();
  // With voices from the server, the languages follow its first answer.
  {
    std::lock_guard lock(voices_mutex_);
    info_.languages = advertised_languages(config_, voices_);
  }
  if (config_.health_interval.count() > 0) monitor_ = std::thread([this] { monitor(); });
}

RemoteEngine::~RemoteEngine() {
  {
    std::lock_guard lock(monitor_mutex_);
    stopping_ = true;
  }
  monitor_wake_.notify_all();
  if (monitor_.joinable()) monitor_.join();
}

void RemoteEngine::monitor() {
  std::unique_lock lock(monitor_mutex_);
  while (!stopping_) {
    monitor_wake_.wait_for(lock, config_.health_interval);
    if (stopping_) break;
    lock.unlock();
    check_health();
    lock.lock();
  }
}

void RemoteEngine::mark(bool up, const std::string& why) {
  const bool was = healthy_.exchange(up);
  // Logged on every change, and once at the first probe (a server down at start says why).
  const bool first = !marked_.exchange(true);
  if (was == up && !first) return;
  if (up) {
    spdlog::info("{} is up", client_.describe());
  } else {
    spdlog::warn("{} is down: {}", client_.describe(), why);
  }
}

bool RemoteEngine::check_health() {
  std::lock_guard probe(probe_mutex_);
  const std::string path = config_.probe();
  RemoteClient::ProbeResult answer = client_.get(path);
  if (!answer.reachable) {
    mark(false, "GET " + path + " failed: " + answer.error);
    return false;
  }
  if (answer.status == 401 || answer.status == 403) {
    // Reachable but refusing chorus: kept "up" so that requests reach it and answer with the
    // reason, instead of a bare "unhealthy"; logged once per change.
    if (!auth_rejected_.exchange(true)) {
      spdlog::error("{} rejected chorus's API key (HTTP {} on GET {}): {}", client_.describe(),
                    answer.status, path, error_message_of(answer.body));
    }
    mark(true, {});
    return true;
  }
  auth_rejected_ = false;
  if (answer.status >= 500) {
    mark(false, "GET " + path + " answered HTTP " + std::to_string(answer.status));
    return false;
  }
  if (answer.status == 200 && config_.fetches_voices() && path == "/v1/audio/voices") {
    try {
      auto voices = client_.voices_from(answer);
      std::lock_guard lock(voices_mutex_);
      if (voices.size() != voices_.size()) {
        spdlog::info("{} lists {} voices", client_.describe(), voices.size());
      }
      voices_ = std::move(voices);
    } catch (const EngineError& e) {
      spdlog::warn("{}", e.what());
    }
  } else if (answer.status >= 400 && config_.fetches_voices()) {
    spdlog::warn("{}: GET {} answered HTTP {}; configure its voices (engines.remote voices)",
                 client_.describe(), path, answer.status);
  }
  mark(true, {});
  return true;
}

VoiceInfo RemoteEngine::describe(const RemoteVoice& voice) const {
  VoiceInfo info;
  info.id = prefix() + voice.id;
  info.name = voice.name.empty() ? voice.id : voice.name;
  info.engine = config_.name;
  info.language = voice.language;
  info.gender = voice.gender;
  return info;
}

std::vector<VoiceInfo> RemoteEngine::voices() const {
  std::lock_guard lock(voices_mutex_);
  std::vector<VoiceInfo> out;
  out.reserve(voices_.size());
  for (const auto& voice : voices_) out.push_back(describe(voice));
  return out;
}

std::optional<VoiceInfo> RemoteEngine::find_voice(std::string_view voice_id) const {
  const std::string want_prefix = prefix();
  if (voice_id.size() <= want_prefix.size() || voice_id.substr(0, want_prefix.size()) != want_prefix) {
    return std::nullopt;
  }
  const std::string_view remote_id = voice_id.substr(want_prefix.size());
  {
    std::lock_guard lock(voices_mutex_);
    for (const auto& voice : voices_) {
      if (voice.id == remote_id) return describe(voice);
    }
  }
  for (char c : remote_id) {
    if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
  }
  // Not listed (yet): the server decides.
  return describe({std::string(remote_id), std::string(remote_id), {}, {}});
}

std::optional<VoiceInfo> RemoteEngine::voice_for_alias(std::string_view alias,
                                                       std::string_view language) const {
  // The router asks only with OpenAI's voice names, which an OpenAI-compatible server knows.
  const auto& langs = info_.languages;
  const std::string tag(language);
  if (std::find(langs.begin(), langs.end(), tag) == langs.end() &&
      std::find(langs.begin(), langs.end(), primary_subtag(tag)) == langs.end()) {
    return std::nullopt;
  }
  VoiceInfo voice = describe({std::string(alias), std::string(alias), tag, {}});
  return voice;
}

std::string RemoteEngine::request_body(const SynthesisRequest& request) const {
  std::string voice = request.voice_id;
  if (voice.rfind(prefix(), 0) == 0) voice = voice.substr(prefix().size());
  nlohmann::json body{{"model", config_.model},
                      {"input", request.text},
                      {"voice", voice},
                      {"response_format", "pcm"}};
  if (request.speed != 1.0f) body["speed"] = request.speed;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool RemoteEngine::take_slot(const CancelToken& cancel) {
  std::unique_lock lock(slots_mutex_);
  const auto deadline = std::chrono::steady_clock::now() + config_.first_byte_timeout;
  while (active_ >= config_.max_streams) {
    if (cancel.cancelled()) return false;
    if (slot_freed_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() +
                                                            std::chrono::milliseconds(50))) ==
            std::cv_status::timeout &&
        std::chrono::steady_clock::now() >= deadline) {
      throw EngineError(client_.describe() + ": all " + std::to_string(config_.max_streams) +
                        " streams busy (max_streams)");
    }
  }
  ++active_;
  return true;
}

void RemoteEngine::release_slot() {
  {
    std::lock_guard lock(slots_mutex_);
    --active_;
  }
  slot_freed_.notify_one();
}

void RemoteEngine::synthesize(const SynthesisRequest& request, const PcmSink& sink,
                              const CancelToken& cancel) {
  if (!take_slot(cancel)) return;
  struct Slot {
    RemoteEngine* engine;
    ~Slot() { engine->release_slot(); }
  } slot{this};

  http_audio::PcmStreamDecoder decoder(config_.sample_rate);
  std::vector<float> samples;
  // Whole samples go on as they arrive; a sink that has had enough stops the stream.
  auto on_bytes = [&](std::string_view bytes) {
    decoder.feed(bytes, samples);
    return samples.empty() || sink(samples);
  };
  try {
    client_.speak(request_body(request), on_bytes, cancel);
  } catch (const RemoteUnavailable& e) {
    mark(false, e.what());
    throw;
  }
}

std::vector<std::pair<std::string, double>> RemoteEngine::stats() const {
  std::size_t voices = 0;
  {
    std::lock_guard lock(voices_mutex_);
    voices = voices_.size();
  }
  int active = 0;
  {
    std::lock_guard lock(slots_mutex_);
    active = active_;
  }
  return {{"voices", static_cast<double>(voices)},
          {"streams_active", static_cast<double>(active)},
          {"api_key_rejected", auth_rejected_.load() ? 1.0 : 0.0}};
}

}  // namespace chorus::remote
