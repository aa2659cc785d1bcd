// Cloned voices over HTTP: POST/GET/DELETE /v1/audio/voices[/{id}] (OpenAI's custom-voice shape)
// and POST /v1/audio/clone (one-shot clone-and-speak, streamed like /v1/audio/speech).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/principal.h"
#include "pipeline/speech_starter.h"
#include "router/admission.h"
#include "router/cloned_voice_route.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "server/speech_response.h"
#include "server/voice_form.h"
#include "text/language.h"
#include "voices/analysis_json.h"
#include "voices/reference_audio.h"
#include "voices/voice_id.h"

namespace chorus {
namespace {

using nlohmann::json;

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

json voice_json(const voices::VoiceRecord& record, bool details) {
  json voice = {{"id", record.id},
                {"object", "audio.voice"},
                {"name", record.name},
                {"engine", "cloned"},
                {"language", record.language},
                {"gender", nullptr},
                {"created_at", record.created_at}};
  if (details) {
    voice["consent"] = record.consent;
    voice["analysis"] = voices::analysis_to_json(record.analysis);
  }
  return voice;
}

voices::VoiceStore& store_of(const Router& router) {
  const auto& resolver = router.cloned_voices();
  if (!resolver || !resolver->store()) {
    throw ApiError(503, "Cloned voices are unavailable: the voice store could not be opened.",
                   "server_error", {}, "voice_store_unavailable");
  }
  return *resolver->store();
}

ApiError voice_not_found(const std::string& id) {
  return ApiError(404, "No voice with id '" + id + "'.", "invalid_request_error", "voice_id",
                  "voice_not_found");
}

voices::ReferenceLimits limits_for(const ServerConfig& config, const std::string& field) {
  voices::ReferenceLimits limits;
  limits.max_bytes = config.max_upload_bytes;
  limits.field = field;
  return limits;
}

void create_voice(const httplib::Request& req, httplib::Response& res, const ServerConfig& config,
                  const Router& router, Admission& admission) {
  VoiceForm form = read_voice_form(req);
  voices::VoiceStore& store = store_of(router);
  auto ticket = admission.enter();
  voices::NewVoice voice;
  voice.name = std::move(form.name);
  voice.language = std::move(form.language);
  voice.consent = std::move(form.consent);
  voice.owner = current_principal().owner;
  auto reference =
      voices::process_reference_audio(form.audio, limits_for(config, "audio_sample"));
  voice.audio = std::move(reference.audio);
  voice.sample_rate = reference.sample_rate;
  voice.analysis = reference.analysis;
  const voices::VoiceRecord record = store.create(voice);
  spdlog::info("voice {} created ({:.1f} s of speech, F0 {:.0f} Hz)", record.id,
               record.analysis.speech_seconds, record.analysis.f0_median_hz);
  send_json(res, voice_json(record, true), 201);
}

void clone_and_speak(const httplib::Request& req, httplib::Response& res,
                     const ServerConfig& config, const Router& router, Admission& admission) {
  auto received = std::chrono::steady_clock::now();
  CloneForm form = read_clone_form(req, config.speech.max_input_chars);
  const auto& resolver = router.cloned_voices();
  if (!resolver) throw ApiError::server("Voice cloning is not configured.", "clone_unavailable");

  SpeechRequest request;
  request.input = std::move(form.text);
  if (!form.language.empty()) request.language = form.language;
  if (form.format) request.format = *form.format;
  if (form.model) request.model = *form.model;
  // Held until the speech has started: the reference processing and, when the route needs one,
  // the voice-match design happen before that; the synthesis itself is under the engine's own
  // admission.
  auto ticket = admission.enter();
  auto reference =
      voices::process_reference_audio(form.audio, limits_for(config, "reference_audio"));
  const bool keep_voice = !form.voice_name.empty();

  auto cloned = std::make_shared<voices::ClonedVoice>();
  if (keep_voice) {
    // Kept: stored first, so the id in the response header already works for later requests.
    voices::NewVoice voice;
    voice.name = form.voice_name;
    voice.language = request.language.value_or("");
    voice.consent = form.consent;
    voice.owner = current_principal().owner;
    voice.audio = reference.audio;
    voice.analysis = reference.analysis;
    cloned->record = store_of(router).create(voice);
    res.set_header("X-Chorus-Voice-Id", cloned->record.id);
  } else {
    cloned->record.id = voices::new_voice_id();
    cloned->record.name = "one-shot clone";
    cloned->record.language = request.language.value_or("");
    cloned->record.analysis = reference.analysis;
  }
  cloned->speaker =
      voices::transient_speaker(cloned->record.id, cloned->record.name, cloned->record.language,
                                std::move(reference.audio), reference.sample_rate);
  request.voice = cloned->record.id;
  request.cloned_voice = cloned;
  StartedSpeech started = start_speech(router, request);
  ticket.reset();
  if (!keep_voice) {
    // A one-shot voice's match design lives on in the plan only; what engines cached for it
    // (XTTS latents) goes when the response ends, so one-shot clones cannot fill their caches.
    resolver->forget(cloned->record.id);
    started.holds.push_back(std::shared_ptr<void>(
        nullptr, [engines = router.engines().engines(), id = cloned->record.id](void*) {
          for (const auto& engine : engines) engine->forget_speaker(id);
        }));
  }
  send_speech_response(res, req.version == "HTTP/1.0", request, std::move(started), received);
}

}  // namespace

bool append_cloned_voices(nlohmann::json& voices, const Router& router,
                          const std::optional<std::string>& language) {
  const auto& resolver = router.cloned_voices();
  if (!resolver || !resolver->store()) return true;
  std::vector<voices::VoiceRecord> records;
  try {
    records = resolver->store()->list();
  } catch (const voices::VoiceStoreUnavailable&) {
    // The built-in voices still speak; listing them beats failing the whole request.
    return false;
  }
  for (const auto& record : records) {
    if (!current_principal().may_see(record.owner)) continue;  // other keys' voices stay hidden
    if (language && !record.language.empty() && record.language != *language &&
        primary_subtag(record.language) != *language) {
      continue;
    }
    voices.push_back(voice_json(record, false));
  }
  return true;
}

json voice_store_health(const Router& router) {
  const auto& resolver = router.cloned_voices();
  if (!resolver || !resolver->store()) return nullptr;
  const auto& store = *resolver->store();
  return {{"location", store.describe()}, {"available", store.available()}};
}

void install_voice_routes(httplib::Server& http, const ServerConfig& config,
                          std::shared_ptr<Router> router) {
  auto clone_admission = std::make_shared<Admission>(config.clone_admission);
  http.Post("/v1/audio/voices", [&config, router, clone_admission](const httplib::Request& req,
                                                                    httplib::Response& res) {
    create_voice(req, res, config, *router, *clone_admission);
  });
  http.Get(R"(/v1/audio/voices/([^/]+))", [router](const httplib::Request& req,
                                                   httplib::Response& res) {
    const std::string id = req.matches[1];
    auto record = voices::looks_like_voice_id(id) ? store_of(*router).get(id) : std::nullopt;
    // Another key's voice is "not found", not "forbidden", so ids reveal nothing.
    if (!record || !current_principal().may_see(record->owner)) {
      return send_error(res, voice_not_found(id));
    }
    send_json(res, voice_json(*record, true));
  });
  http.Delete(R"(/v1/audio/voices/([^/]+))", [router](const httplib::Request& req,
                                                      httplib::Response& res) {
    const std::string id = req.matches[1];
    auto record = voices::looks_like_voice_id(id) ? store_of(*router).get(id) : std::nullopt;
    if (!record || !current_principal().may_see(record->owner) || !store_of(*router).remove(id)) {
      return send_error(res, voice_not_found(id));
    }
    router->cloned_voices()->forget(id);
    spdlog::info("voice {} deleted", id);
    send_json(res, {{"id", id}, {"object", "audio.voice.deleted"}, {"deleted", true}});
  });
  http.Post("/v1/audio/clone", [&config, router, clone_admission](const httplib::Request& req,
                                                                   httplib::Response& res) {
    clone_and_speak(req, res, config, *router, *clone_admission);
  });
}

}  // namespace chorus
