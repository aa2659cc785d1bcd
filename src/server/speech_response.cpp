// Streams a started speech to the client; shared by /v1/audio/speech and /v1/audio/clone.
#include "server/speech_response.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "codec/base64.h"
#include "core/metrics.h"
#include "text/utf8.h"

namespace chorus {
namespace {

std::string sse_event(const nlohmann::json& event) { return "data: " + event.dump() + "\n\n"; }

// State shared by the content provider calls of one response.
struct ResponseStream {
  std::vector<std::shared_ptr<void>> holds;  // released with the response
  std::unique_ptr<SpeechStream> speech;
  std::string first_bytes;  // produced before the headers went out
  bool sse = false;
  std::size_t input_chars = 0;
  bool done = false;
  SseEpilogue epilogue;
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

}  // namespace

void set_speech_headers(httplib::Response& res, const SpeechRequest& request, const SpeechPlan& chosen) {
  res.set_header("X-Chorus-Engine", chosen.engine->info().name);
  res.set_header("X-Chorus-Format", std::string(format_name(request.format)));
  res.set_header("X-Chorus-Voice", chosen.voice.id);
  res.set_header("X-Chorus-Language", chosen.language);
  if (!chosen.fallback_reason.empty()) res.set_header("X-Chorus-Fallback", chosen.fallback_reason);
  if (!chosen.clone_method.empty()) res.set_header("X-Chorus-Clone-Method", chosen.clone_method);
  res.set_header("Cache-Control", "no-store");
}

void send_speech_response(httplib::Response& res, const SpeechRequest& request,
                          StartedSpeech started, std::chrono::steady_clock::time_point received,
                          SseEpilogue epilogue) {
  auto state = std::make_shared<ResponseStream>();
  state->sse = request.stream_format == StreamFormat::kSse;
  state->input_chars = utf8_length(request.input);
  state->speech = std::move(started.stream);
  state->first_bytes = std::move(started.first_bytes);
  state->done = started.complete;
  state->holds = std::move(started.holds);
  state->epilogue = std::move(epilogue);
  const SpeechPlan& chosen = state->speech->plan();

  const std::string engine_name = chosen.engine->info().name;
  const std::string format_label(format_name(request.format));
  Metrics::instance().first_byte(
      engine_name, format_label,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
  set_speech_headers(res, request, chosen);
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
        if (state->sse && state->epilogue && !send(state->epilogue(*state->speech))) return false;
        if (state->sse && !send(done_event(*state))) return false;
        sink.done();
        return true;
      },
      [state](bool success) {
        if (!success) spdlog::info("speech stream ended early (client gone or error)");
        state->speech->cancel();
        Metrics::instance().audio_produced(state->speech->plan().engine->info().name,
                                           state->speech->audio_seconds(),
                                           state->speech->synthesis_seconds());
      });
}

}  // namespace chorus
