// POST /v1/audio/speech: parse, start on the first engine that serves, then stream the audio
// (server/speech_response.cpp).
#include <httplib.h>
#include <spdlog/spdlog.h>

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

void handle_speech(const httplib::Request& req, httplib::Response& res, const ServerConfig& config,
                   const Router& router, Lifecycle& lifecycle, AccessControl& access,
                   bool timestamps_route = false) {
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
  StartedSpeech started = start_speech(router, request);
  started.holds.push_back(std::move(stream_slot));
  started.holds.push_back(std::move(in_flight));
  send_speech_response(res, request, std::move(started), received,
                       request.timestamps ? SseEpilogue(timestamps_sse_event) : SseEpilogue());
}

}  // namespace

void install_speech_routes(httplib::Server& http, const ServerConfig& config,
                           std::shared_ptr<Router> router, std::shared_ptr<Lifecycle> lifecycle,
                           std::shared_ptr<AccessControl> access) {
  http.Post("/v1/audio/speech", [&config, router, lifecycle, access](
                                    const httplib::Request& req, httplib::Response& res) {
    handle_speech(req, res, config, *router, *lifecycle, *access);
  });
  http.Post("/v1/audio/speech/timestamps", [&config, router, lifecycle, access](
                                               const httplib::Request& req, httplib::Response& res) {
    handle_speech(req, res, config, *router, *lifecycle, *access, /*timestamps_route=*/true);
  });
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Allow", "POST");
    send_error(res, ApiError(405, "Method " + req.method + " is not allowed on " + req.path +
                                      "; use POST.",
                             "invalid_request_error", {}, "method_not_allowed"));
  };
  http.Get("/v1/audio/speech", not_allowed);
  http.Put("/v1/audio/speech", not_allowed);
  http.Delete("/v1/audio/speech", not_allowed);
}

}  // namespace chorus
