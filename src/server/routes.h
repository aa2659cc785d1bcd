#pragma once
#include <memory>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "cache/result_cache.h"
#include "router/router.h"
#include "server/auth.h"
#include "server/lifecycle.h"
#include "server/server_config.h"

namespace httplib {
class Server;
}

namespace chorus {

void install_speech_routes(httplib::Server& http, const ServerConfig& config,
                           std::shared_ptr<Router> router, std::shared_ptr<Lifecycle> lifecycle,
                           std::shared_ptr<AccessControl> access,
                           std::shared_ptr<ResultCache> cache);
// GET /health also reports the result cache's Redis tier when one is configured (`cache` may be
// null: cache disabled).
void install_catalog_routes(httplib::Server& http, std::shared_ptr<Router> router,
                            std::shared_ptr<ResultCache> cache);
// GET / and /assets/*: the browser UI embedded from web/.
void install_web_routes(httplib::Server& http);
// GET /metrics and GET /ready (an engine healthy and the cache warm-up finished).
void install_metrics_routes(httplib::Server& http, std::shared_ptr<Router> router,
                            std::shared_ptr<Lifecycle> lifecycle);
// The server lexicon applies to /v1/text/normalize as it does to speech.
void install_text_routes(httplib::Server& http, const ServerConfig& config,
                         std::shared_ptr<const Lexicon> server_lexicon);
// /v1/audio/voices (create, get, delete cloned voices) and /v1/audio/clone.
void install_voice_routes(httplib::Server& http, const ServerConfig& config,
                          std::shared_ptr<Router> router);
// POST /v1/audio/watermark/detect: does an uploaded file carry the watermark.
void install_watermark_routes(httplib::Server& http, const ServerConfig& config);
// Adds the stored cloned voices to a GET /v1/audio/voices listing. False when the store does
// not answer: the listing then carries the built-in voices only.
bool append_cloned_voices(nlohmann::json& voices, const Router& router,
                          const std::optional<std::string>& language);
// {"location" (password masked), "available"} of the voice store, or null without one.
nlohmann::json voice_store_health(const Router& router);

}  // namespace chorus
