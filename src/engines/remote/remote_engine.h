#pragma once
// Any OpenAI-compatible speech server as a chorus engine (another chorus, Kokoro-FastAPI,
// openedai-speech, OpenAI). Each text chunk is one POST /v1/audio/speech asking for `pcm`
// (16-bit mono at config.sample_rate); the samples go into chorus's pipeline as they arrive, so
// chorus's own encoder produces whatever format the client asked for.
//
// Voices: the server's GET /v1/audio/voices (or the configured list) as "NAME:<id>". Any
// "NAME:<id>" is accepted even when not (yet) listed, so a voice the server gained since the
// last probe (a chorus's freshly cloned "voice_...") works at once; the server rejects unknown
// ones (answered 400). OpenAI voice names are passed through as they are.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engines/engine.h"
#include "engines/remote/remote_client.h"
#include "engines/remote/remote_config.h"
#include "engines/remote/remote_voice_list.h"

namespace chorus::remote {

class RemoteEngine : public Engine {
 public:
  // Validates the config (std::invalid_argument), probes the server once and starts the
  // periodic probe. An unreachable server does not fail construction: the engine starts
  // unhealthy and recovers when a probe succeeds.
  explicit RemoteEngine(RemoteConfig config);
  ~RemoteEngine() override;

  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override;
  std::optional<VoiceInfo> find_voice(std::string_view voice_id) const override;
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias,
                                           std::string_view language) const override;
  void synthesize(const SynthesisRequest& request, const PcmSink& sink,
                  const CancelToken& cancel) override;
  bool healthy() const override { return healthy_.load(); }
  std::vector<std::pair<std::string, double>> stats() const override;

  // Probes the server now (and refreshes its voices); true when it is up.
  bool check_health();
  const RemoteConfig& config() const { return config_; }

 private:
  std::string prefix() const { return config_.name + ":"; }
  VoiceInfo describe(const RemoteVoice& voice) const;
  std::string request_body(const SynthesisRequest& request) const;
  void mark(bool up, const std::string& why);
  // Waits for one of config.max_streams slots; false when cancelled first. Throws EngineError
  // when none frees up within the first-byte timeout.
  bool take_slot(const CancelToken& cancel);
  void release_slot();
  void monitor();

  RemoteConfig config_;
  RemoteClient client_;
  EngineInfo info_;
  std::atomic<bool> healthy_{false};
  std::atomic<bool> auth_rejected_{false};
  std::atomic<bool> marked_{false};  // mark() has run once

  mutable std::mutex voices_mutex_;
  std::vector<RemoteVoice> voices_;

  mutable std::mutex slots_mutex_;
  std::condition_variable slot_freed_;
  int active_ = 0;

  std::mutex probe_mutex_;  // one probe at a time
  std::mutex monitor_mutex_;
  std::condition_variable monitor_wake_;
  bool stopping_ = false;
  std::thread monitor_;
};

}  // namespace chorus::remote
