// Cloned voices over HTTP: POST/GET/DELETE /v1/audio/voices[/{id}] (OpenAI's custom-voice shape)
// and POST /v1/audio/clone (one-shot clone-and-speak, streamed like /v1/audio/speech).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "core/principal.h"
#include "pipeline/speech_starter.h"
#include "router/cloned_voice_route.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "server/speech_response.h"
#include "text/language.h"
#include "text/utf8.h"
#include "voices/analysis_json.h"
#include "voices/reference_audio.h"
#include "voices/voice_id.h"

namespace chorus {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameChars = 256;
constexpr std::size_t kMaxConsentChars = 4096;

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void require_multipart(const httplib::Request& req) {
  if (!req.is_multipart_form_data()) {
    throw ApiError(415, "Send this request as multipart/form-data (a form with the audio file).",
                   "invalid_request_error", {}, "unsupported_media_type");
  }
}

std::optional<std::string> form_text(const httplib::Request& req, const std::string& field,
                                     std::size_t max_chars) {
  if (!req.has_file(field)) return std::nullopt;
  std::string value = req.get_file_value(field).content;
  if (!is_valid_utf8(value)) {
    throw ApiError::invalid("'" + field + "' is not valid UTF-8.", field, "invalid_utf8");
  }
  if (utf8_length(value) > max_chars) {
    throw ApiError::invalid("'" + field + "' is longer than " + std::to_string(max_chars) +
                                " characters.",
                            field, "string_above_max_length");
  }
  return value;
}

std::string required_text(const httplib::Request& req, const std::string& field,
                          std::size_t max_chars) {
  auto value = form_text(req, field, max_chars);
  if (!value) {
    throw ApiError::invalid("Missing required parameter: '" + field + "'.", field,
                            "missing_required_parameter");
  }
  if (value->find_first_not_of(" \t\r\n") == std::string::npos) {
    throw ApiError::invalid("'" + field + "' is empty.", field, "empty_" + field);
  }
  return *value;
}

std::string audio_field(const httplib::Request& req, const std::string& field) {
  if (!req.has_file(field)) {
    throw ApiError::invalid("Missing required parameter: '" + field + "' (the audio file).", field,
                            "missing_required_parameter");
  }
  return req.get_file_value(field).content;
}

std::string language_field(const httplib::Request& req) {
  auto value = form_text(req, "language", 64);
  if (!value || value->empty()) return {};
  auto tag = normalize_language_tag(*value);
  if (!tag) throw ApiError::invalid("Invalid 'language': " + *value + ".", "language", "invalid_language");
  return *tag;
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
                  const Router& router) {
  require_multipart(req);
  voices::VoiceStore& store = store_of(router);
  voices::NewVoice voice;
  voice.name = required_text(req, "name", kMaxNameChars);
  voice.language = language_field(req);
  voice.consent = form_text(req, "consent", kMaxConsentChars).value_or("");
  voice.owner = current_principal().owner;
  auto reference = voices::process_reference_audio(audio_field(req, "audio_sample"),
                                                   limits_for(config, "audio_sample"));
  voice.audio = std::move(reference.audio);
  voice.sample_rate = reference.sample_rate;
  voice.analysis = reference.analysis;
  const voices::VoiceRecord record = store.create(voice);
  spdlog::info("voice {} created ({:.1f} s of speech, F0 {:.0f} Hz)", record.id,
               record.analysis.speech_seconds, record.analysis.f0_median_hz);
  send_json(res, voice_json(record, true), 201);
}

void clone_and_speak(const httplib::Request& req, httplib::Response& res,
                     const ServerConfig& config, const Router& router) {
  auto received = std::chrono::steady_clock::now();
  require_multipart(req);
  const auto& resolver = router.cloned_voices();
  if (!resolver) throw ApiError::server("Voice cloning is not configured.", "clone_unavailable");

  SpeechRequest request;
  request.input = required_text(req, "text", config.speech.max_input_chars);
  if (auto lang = language_field(req); !lang.empty()) request.language = lang;
  if (auto format = form_text(req, "response_format", 16)) {
    auto parsed = parse_audio_format(*format);
    if (!parsed) {
      throw ApiError::invalid("Invalid 'response_format': " + *format +
                                  " (mp3, opus, aac, flac, wav, pcm).",
                              "response_format", "invalid_value");
    }
    request.format = *parsed;
  }
  if (auto model = form_text(req, "model", 64)) request.model = *model;
  const std::string audio = audio_field(req, "reference_audio");
  auto voice_name = form_text(req, "voice_name", kMaxNameChars);
  auto reference =
      voices::process_reference_audio(audio, limits_for(config, "reference_audio"));

  auto cloned = std::make_shared<voices::ClonedVoice>();
  if (voice_name && !voice_name->empty()) {
    // Kept: stored first, so the id in the response header already works for later requests.
    voices::NewVoice voice;
    voice.name = *voice_name;
    voice.language = request.language.value_or("");
    voice.consent = form_text(req, "consent", kMaxConsentChars).value_or("");
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
  // A one-shot voice's match design lives on in the plan only.
  if (!voice_name || voice_name->empty()) resolver->forget(cloned->record.id);
  send_speech_response(res, request, std::move(started), received);
}

}  // namespace

void append_cloned_voices(nlohmann::json& voices, const Router& router,
                          const std::optional<std::string>& language) {
  const auto& resolver = router.cloned_voices();
  if (!resolver || !resolver->store()) return;
  for (const auto& record : resolver->store()->list()) {
    if (!current_principal().may_see(record.owner)) continue;  // other keys' voices stay hidden
    if (language && !record.language.empty() && record.language != *language &&
        primary_subtag(record.language) != *language) {
      continue;
    }
    voices.push_back(voice_json(record, false));
  }
}

void install_voice_routes(httplib::Server& http, const ServerConfig& config,
                          std::shared_ptr<Router> router) {
  http.Post("/v1/audio/voices", [&config, router](const httplib::Request& req,
                                                   httplib::Response& res) {
    create_voice(req, res, config, *router);
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
  http.Post("/v1/audio/clone", [&config, router](const httplib::Request& req,
                                                  httplib::Response& res) {
    clone_and_speak(req, res, config, *router);
  });
}

}  // namespace chorus
