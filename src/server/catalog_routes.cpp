// Read-only routes describing what the server offers: models, voices, health.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/api_error.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "text/language.h"

namespace chorus {
namespace {

using nlohmann::json;

void send_json(httplib::Response& res, const json& body) {
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

json model_json(const std::string& id, const Router& router) {
  json model = {{"id", id}, {"object", "model"}, {"created", 0}, {"owned_by", "chorus"}};
  if (auto engine = router.engines().find(id)) {
    model["description"] = engine->info().description;
    model["version"] = engine->info().model_version;
  }
  return model;
}

json redis_json(const RedisTier& redis) {
  auto status = redis.status();
  json out{{"state", status.state}, {"url", redis.endpoint()}};
  if (!status.last_error.empty()) out["last_error"] = status.last_error;
  if (status.state == "down") out["retry_in_seconds"] = status.retry_in_seconds;
  return out;
}

json voice_json(const VoiceInfo& voice) {
  return {{"id", voice.id},
          {"name", voice.name},
          {"engine", voice.engine},
          {"language", voice.language},
          {"gender", voice.gender.empty() ? json(nullptr) : json(voice.gender)}};
}

}  // namespace

void install_catalog_routes(httplib::Server& http, std::shared_ptr<Router> router,
                            std::shared_ptr<ResultCache> cache) {
  http.Get("/v1/models", [router](const httplib::Request&, httplib::Response& res) {
    json data = json::array();
    for (const auto& id : router->models()) data.push_back(model_json(id, *router));
    send_json(res, {{"object", "list"}, {"data", data}});
  });

  http.Get(R"(/v1/models/([^/]+))", [router](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    for (const auto& model : router->models()) {
      if (model == id) return send_json(res, model_json(id, *router));
    }
    send_error(res, ApiError(404, "The model '" + id + "' does not exist.",
                             "invalid_request_error", "model", "model_not_found"));
  });

  // Open WebUI asks this for its model picker ({"models":[{"id"}]}).
  http.Get("/v1/audio/models", [router](const httplib::Request&, httplib::Response& res) {
    json models = json::array();
    for (const auto& id : router->models()) models.push_back({{"id", id}, {"name", id}});
    send_json(res, {{"models", models}});
  });

  // Open WebUI reads voices[i].id and voices[i].name; the other fields help people choose.
  // Optional filters: ?engine=espeak&language=fr
  http.Get("/v1/audio/voices", [router](const httplib::Request& req, httplib::Response& res) {
    std::string engine = req.get_param_value("engine");
    std::optional<std::string> language;
    if (req.has_param("language")) {
      language = normalize_language_tag(req.get_param_value("language"));
      if (!language) {
        throw ApiError::invalid("Invalid 'language' filter.", "language", "invalid_language");
      }
    }
    json voices = json::array();
    for (const auto& voice : router->voices()) {
      if (!engine.empty() && voice.engine != engine) continue;
      if (language && voice.language != *language &&
          primary_subtag(voice.language) != *language) {
        continue;
      }
      voices.push_back(voice_json(voice));
    }
    if ((engine.empty() || engine == "cloned") && !append_cloned_voices(voices, *router, language)) {
      res.set_header("X-Chorus-Voice-Store", "unavailable");
    }
    send_json(res, {{"voices", voices}});
  });

  http.Get("/health", [router, cache](const httplib::Request&, httplib::Response& res) {
    json engines = json::array();
    bool any_healthy = false;
    for (const auto& engine : router->engines().engines()) {
      const auto& info = engine->info();
      const auto& admission = router->admission(info.name);
      bool healthy = engine->healthy();
      any_healthy = any_healthy || healthy;
      json entry{{"name", info.name},
                 {"version", info.model_version},
                 {"healthy", healthy},
                 {"languages", info.languages.size()},
                 {"active", admission.active()},
                 {"queued", admission.queued()}};
      // What the engine itself reports (e.g. Piper: voices installed, loaded, loads, unloads).
      for (const auto& [stat, value] : engine->stats()) entry["stats"][stat] = value;
      engines.push_back(std::move(entry));
    }
    res.status = any_healthy ? 200 : 503;
    json body{{"status", any_healthy ? "healthy" : "unhealthy"}, {"engines", engines}};
    // The voice store's state is reported, not judged: built-in voices speak without it.
    body["voice_store"] = voice_store_health(*router);
    // The Redis tier is optional: while it is down requests are misses, so it does not make the
    // server unhealthy; it is reported for operators.
    if (cache && cache->redis()) body["cache"]["redis"] = redis_json(*cache->redis());
    send_json(res, body);
  });
}

}  // namespace chorus
