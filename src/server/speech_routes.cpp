// POST /v1/audio/speech: parse, plan, then stream the encoded audio (chunked body or SSE).
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "codec/base64.h"
#include "core/api_error.h"
#include "pipeline/speech_stream.h"
#include "server/error_response.h"
#include "server/routes.h"
#include "server/speech_request_parser.h"
#include "text/utf8.h"

namespace chorus {
namespace {

std::string sse_event(const nlohmann::json& event) { return "data: " + event.dump() + "\n\n"; }

// State shared by the content provider calls of one response.
struct ResponseStream {
  std::unique_ptr<SpeechStream> speech;
  std::string first_bytes;  // produced before the headers went out
  bool sse = false;
  std::size_t input_chars = 0;
  bool done = false;
};

std::string frame(const ResponseStream& state, const std::string& bytes) {
  if (!state.sse) return bytes;
  return sse_event({{"type", "speech.audio.delta"}, {"audio", base64_encode(bytes)}});
}

std::string done_event(const ResponseStream& state) {
  // Token counts have no natural meaning for audio: input_tokens counts the input's characters,
  // output_tokens the 20 ms frames of audio produced (documented in docs/api.md).
  auto output = static_cast<long>(std::ceil(state.speech->audio_seconds() * 50.0));
  auto input = static_cast<long>(state.input_chars);
  return sse_event({{"type", "speech.audio.done"},
                    {"usage",
                     {{"input_tokens", input},
                      {"output_tokens", output},
                      {"total_tokens", input + output}}}});
}

void handle_speech(const httplib::Request& req, httplib::Response& res, const ServerConfig& config,
                   const Router& router) {
  auto started = std::chrono::steady_clock::now();
  SpeechRequest request =
      parse_speech_request(req.get_header_value("Content-Type"), req.body, config.speech);
  SpeechPlan plan = router.plan(request);

  auto state = std::make_shared<ResponseStream>();
  state->sse = request.stream_format == StreamFormat::kSse;
  state->input_chars = utf8_length(request.input);
  state->speech = std::make_unique<SpeechStream>(std::move(plan));
  const SpeechPlan& chosen = state->speech->plan();

  // Synthesize until the first encoded bytes exist before sending headers, so an engine that
  // fails at once yields a proper error status instead of a truncated 200.
  try {
    if (!state->speech->next(state->first_bytes)) state->done = true;
  } catch (const std::exception& e) {
    throw ApiError::server("Synthesis failed in the " + chosen.engine->info().name +
                           " engine: " + e.what());
  }
  spdlog::debug("speech: first bytes after {} ms",
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count());

  res.set_header("X-Chorus-Engine", chosen.engine->info().name);
  res.set_header("X-Chorus-Voice", chosen.voice.id);
  res.set_header("X-Chorus-Language", chosen.language);
  if (!chosen.fallback_reason.empty()) res.set_header("X-Chorus-Fallback", chosen.fallback_reason);
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Accel-Buffering", "no");  // reverse proxies must not hold back the stream

  std::string type = state->sse ? "text/event-stream" : std::string(content_type(request.format));
  res.set_chunked_content_provider(
      type,
      [state](std::size_t, httplib::DataSink& sink) {
        auto send = [&](const std::string& bytes) {
          if (bytes.empty()) return true;
          return sink.write(bytes.data(), bytes.size());
        };
        if (!state->first_bytes.empty()) {
          std::string first = std::move(state->first_bytes);
          state->first_bytes.clear();
          if (!send(frame(*state, first))) return false;
        }
        if (!state->done) {
          std::string bytes;
          try {
            if (state->speech->next(bytes)) return send(frame(*state, bytes));
          } catch (const std::exception& e) {
            // Headers are gone: ending the chunked body without its terminator tells the client
            // the response is incomplete.
            spdlog::error("speech stream failed mid-way: {}", e.what());
            return false;
          }
          state->done = true;
        }
        if (state->sse && !send(done_event(*state))) return false;
        sink.done();
        return true;
      },
      [state](bool success) {
        if (!success) spdlog::info("speech stream ended early (client gone or error)");
        state->speech->cancel();
      });
}

}  // namespace

void install_speech_routes(httplib::Server& http, const ServerConfig& config,
                           std::shared_ptr<Router> router) {
  http.Post("/v1/audio/speech", [&config, router](const httplib::Request& req,
                                                   httplib::Response& res) {
    handle_speech(req, res, config, *router);
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
