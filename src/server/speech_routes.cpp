// POST /v1/audio/speech: parse, start on the first engine that serves, then stream the audio
// (server/speech_response.cpp).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <chrono>

#include "core/api_error.h"
#include "pipeline/speech_starter.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "server/speech_response.h"
#include "server/speech_request_parser.h"
#include "server/timestamps_response.h"

namespace chorus {
namespace {

// The request's Cache-Control: no-cache asks for fresh audio (which is then stored), no-store
// for the cache to be left alone entirely.
CacheUse cache_use(const httplib::Request& req, std::shared_ptr<ResultCache> cache) {
  CacheUse use{std::move(cache), true, true};
  std::string directives = req.get_header_value("Cache-Control");
  for (char& c : directives) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (directives.find("no-store") != std::string::npos) use.lookup = use.store = false;
  if (directives.find("no-cache") != std::string::npos) use.lookup = false;
  return use;
}

void handle_speech(const httplib::Request& req, httplib::Response& res, const ServerConfig& config,
                   const Router& router, Lifecycle& lifecycle, AccessControl& access,
                   const std::shared_ptr<ResultCache>& cache, bool timestamps_route = false) {
  auto received = std::chrono::steady_clock::now();
  SpeechRequest request =
      parse_speech_request(req.get_header_value("Content-Type"), req.body, config.speech);
  request.timestamps = request.timestamps || timestamps_route;
  auto stream_slot = access.open_stream(current_principal());
  auto in_flight = lifecycle.track();
  // Synthesis runs until the first encoded bytes exist before headers are sent, so an engine
  // that fails at once falls back or yields a proper error status instead of a truncated 200.
  if (request.timestamps && request.stream_format != StreamFormat::kSse) {
    // One JSON body: the audio is complete before it is sent, so WAV gets its exact sizes.
    StartedSpeech started = start_speech(router, request, StreamOptions{.streaming_container = false});
    send_timestamps_response(res, request, std::move(started), received);
    return;
  }
  // Cached entries hold audio only: a request for word timings is always synthesized.
  CacheUse use = cache_use(req, cache);
  const bool cacheable = cache && !request.timestamps;
  StartedSpeech started = start_speech(router, request, {}, cacheable ? &use : nullptr);
  started.holds.push_back(std::move(stream_slot));
  started.holds.push_back(std::move(in_flight));
  send_speech_response(res, req.version == "HTTP/1.0", request, std::move(started), received,
                       request.timestamps ? SseEpilogue(timestamps_sse_event) : SseEpilogue());
}

}  // namespace

void install_speech_routes(httplib::Server& http, const ServerConfig& config,
                           std::shared_ptr<Router> router, std::shared_ptr<Lifecycle> lifecycle,
                           std::shared_ptr<AccessControl> access,
                           std::shared_ptr<ResultCache> cache) {
  http.Post("/v1/audio/speech", [&config, router, lifecycle, access, cache](
                                    const httplib::Request& req, httplib::Response& res) {
    handle_speech(req, res, config, *router, *lifecycle, *access, cache);
  });
  http.Post("/v1/audio/speech/timestamps", [&config, router, lifecycle, access, cache](
                                               const httplib::Request& req, httplib::Response& res) {
    handle_speech(req, res, config, *router, *lifecycle, *access, cache, /*timestamps_route=*/true);
  });
}

}  // namespace chorus
