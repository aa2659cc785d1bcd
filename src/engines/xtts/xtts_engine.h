#pragma once
// Coqui XTTS-v2 as a remote service: speaks to one or more xtts-streaming-server endpoints
// (/languages, /studio_speakers, /clone_speaker, /tts_stream). The model runs on a GPU host;
// chorus sends text plus speaker latents and streams the int16 PCM back as it arrives.
//
// Voices: the endpoint's studio speakers as "xtts:<name>" (language-neutral), OpenAI names
// mapped onto them, and cloned voices arriving as SynthesisRequest::speaker. A cloned voice's
// latents are computed once with /clone_speaker and persisted through the SpeakerReference.
//
// Text: every request is cut to the language's XTTS character limit before it is sent, whatever
// chunk size the pipeline used (info().max_chunk_chars is English's limit; see
// max_chunk_chars_for() for the others).
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engines/engine.h"
#include "engines/xtts/xtts_config.h"
#include "engines/xtts/xtts_endpoint_pool.h"
#include "engines/xtts/xtts_latents_cache.h"
#include "engines/xtts/xtts_studio_speakers.h"

namespace chorus::xtts {

inline constexpr std::string_view kEngineName = "xtts";
inline constexpr std::string_view kVoicePrefix = "xtts:";
inline constexpr int kSampleRate = 24000;

class XttsEngine : public Engine {
 public:
  // Validates the config (std::invalid_argument), probes the endpoints once for languages and
  // studio speakers, and starts the health monitor. Unreachable endpoints do not fail
  // construction: the engine starts unhealthy and recovers when a probe succeeds.
  explicit XttsEngine(XttsConfig config);
  ~XttsEngine() override;

  const EngineInfo& info() const override { return info_; }
  std::vector<VoiceInfo> voices() const override;
  std::optional<VoiceInfo> find_voice(std::string_view voice_id) const override;
  std::optional<VoiceInfo> voice_for_alias(std::string_view alias,
                                           std::string_view language) const override;
  // Throws EngineError for an unknown voice or language, an unreachable endpoint, an error
  // status, or a stream that breaks off or stalls longer than config.read_timeout. Returns
  // (without error) as soon as `cancel` fires or the sink returns false; the upstream
  // connection is closed then.
  void synthesize(const SynthesisRequest& request, const PcmSink& sink,
                  const CancelToken& cancel) override;
  bool healthy() const override;
  void forget_speaker(const std::string& voice_id) override;

  // The character limit requests in `language` are cut to (code points).
  std::size_t max_chunk_chars_for(std::string_view language) const override;
  // Probes every endpoint now; true when at least one is up.
  bool check_health();

  const XttsConfig& config() const { return config_; }
  const LatentsCache& latents_cache() const { return latents_; }

 private:
  std::shared_ptr<const Latents> latents_for(const SynthesisRequest& request,
                                             const EndpointPool::Lease& lease);
  std::string request_body(std::string_view text, const std::string& language,
                           const Latents& latents) const;
  // Streams one piece of text; false when stopped by the sink or the cancel token.
  bool stream_piece(const EndpointPool::Lease& lease, const std::string& body,
                    const PcmSink& sink, const CancelToken& cancel);
  void on_endpoint_up(const XttsClient& client, const std::vector<std::string>& languages);
  static VoiceInfo describe(const std::string& speaker);

  XttsConfig config_;
  EngineInfo info_;
  std::vector<std::string> service_codes_;  // language codes as the service spells them

  std::mutex probe_mutex_;  // guards first_languages_ (written on the probing thread)
  std::optional<std::vector<std::string>> first_languages_;

  StudioSpeakers studio_;
  LatentsCache latents_;
  // Declared last so it is destroyed first: its monitor thread calls on_endpoint_up().
  std::unique_ptr<EndpointPool> pool_;
};

// The model version used when the config names none: derived from the endpoint URLs, so stored
// latents are recomputed once if chorus is pointed at different servers.
std::string derived_model_version(const std::vector<std::string>& urls);

}  // namespace chorus::xtts
