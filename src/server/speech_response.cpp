// Streams a started speech to the client; shared by /v1/audio/speech and /v1/audio/clone.
#include "server/speech_response.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "cache/cache_recorder.h"
#include "codec/base64.h"
#include "core/metrics.h"
#include "text/utf8.h"

namespace chorus {
namespace {

std::string sse_event(const nlohmann::json& event) { return "data: " + event.dump() + "\n\n"; }

// State shared by the content provider calls of one response: either a running stream or a
// cached result replayed in large pieces (as fast as the client reads).
struct ResponseStream {
  std::vector<std::shared_ptr<void>> holds;  // released with the response
  std::unique_ptr<SpeechStream> speech;
  std::shared_ptr<const CachedSpeech> cached;
  std::size_t cached_offset = 0;
  std::shared_ptr<CacheRecorder> recorder;  // stores the stream's audio once it completes
  std::string first_bytes;  // produced before the headers went out
  bool sse = false;
  std::size_t input_chars = 0;
  bool done = false;
  std::string buffer;  // the bytes of the current write
  SseEpilogue epilogue;

  double audio_seconds() const { return cached ? cached->audio_seconds : speech->audio_seconds(); }
};

// Replay piece size: large enough that a hit costs few writes, small enough for SSE deltas.
constexpr std::size_t kReplayPiece = 64 * 1024;

std::string frame(const ResponseStream& state, const std::string& bytes) {
  if (!state.sse) return bytes;
  return sse_event({{"type", "speech.audio.delta"}, {"audio", base64_encode(bytes)}});
}

std::string done_event(const ResponseStream& state) {
  // Token counts have no natural meaning for audio: input_tokens counts the input's characters,
  // output_tokens the 20 ms frames of audio produced (documented in docs/api.md).
  auto output = static_cast<long>(std::ceil(state.audio_seconds() * 50.0));
  auto input = static_cast<long>(state.input_chars);
  return sse_event({{"type", "speech.audio.done"},
                    {"usage",
                     {{"input_tokens", input},
                      {"output_tokens", output},
                      {"total_tokens", input + output}}}});
}

// The next encoded bytes to send; false once there are none left.
bool next_bytes(ResponseStream& state, std::string& bytes) {
  if (!state.first_bytes.empty()) {
    bytes = std::move(state.first_bytes);
    state.first_bytes.clear();
  } else if (state.cached) {
    if (state.cached_offset >= state.cached->audio.size()) return false;
    bytes = state.cached->audio.substr(state.cached_offset, kReplayPiece);
    state.cached_offset += bytes.size();
    return true;
  } else if (state.done || !state.speech->next(bytes)) {
    return false;
  }
  if (state.recorder) state.recorder->append(bytes);
  return true;
}

// The audio may come from a caller's cloned voice: shared HTTP caches must not keep it; the
// server's own result cache does the reuse (X-Chorus-Cache).
void set_delivery_headers(httplib::Response& res, const SpeechRequest& request, bool cache_hit) {
  res.set_header("X-Chorus-Format", std::string(format_name(request.format)));
  res.set_header("X-Chorus-Cache", cache_hit ? "hit" : "miss");
  res.set_header("Cache-Control", "no-store");
}

void set_origin_headers(httplib::Response& res, const std::string& engine,
                        const std::string& voice, const std::string& language,
                        const std::string& fallback_reason, const std::string& clone_method,
                        bool watermarked) {
  res.set_header("X-Chorus-Engine", engine);
  res.set_header("X-Chorus-Voice", voice);
  res.set_header("X-Chorus-Language", language);
  if (!fallback_reason.empty()) res.set_header("X-Chorus-Fallback", fallback_reason);
  if (!clone_method.empty()) res.set_header("X-Chorus-Clone-Method", clone_method);
  res.set_header("X-Chorus-Watermark", watermarked ? "true" : "false");
}

}  // namespace

void set_speech_headers(httplib::Response& res, const SpeechRequest& request, const SpeechPlan& chosen) {
  set_origin_headers(res, chosen.engine->info().name, chosen.voice.id, chosen.language,
                     chosen.fallback_reason, chosen.clone_method, chosen.watermark.has_value());
  set_delivery_headers(res, request, false);
}

void send_speech_response(httplib::Response& res, bool close_delimited, const SpeechRequest& request,
                          StartedSpeech started, std::chrono::steady_clock::time_point received,
                          SseEpilogue epilogue) {
  auto state = std::make_shared<ResponseStream>();
  state->sse = request.stream_format == StreamFormat::kSse;
  state->input_chars = utf8_length(request.input);
  state->speech = std::move(started.stream);
  state->cached = std::move(started.cached);
  state->recorder = std::move(started.recorder);
  state->first_bytes = std::move(started.first_bytes);
  state->done = started.complete;
  state->holds = std::move(started.holds);
  state->epilogue = std::move(epilogue);

  const std::string format_label(format_name(request.format));
  std::string engine_name;
  if (state->cached) {
    const CachedSpeech& hit = *state->cached;
    engine_name = hit.engine;
    set_origin_headers(res, hit.engine, hit.voice, hit.language, started.fallback_reason,
                       hit.clone_method, hit.watermarked);
  } else {
    const SpeechPlan& chosen = state->speech->plan();
    engine_name = chosen.engine->info().name;
    set_origin_headers(res, engine_name, chosen.voice.id, chosen.language,
                       chosen.fallback_reason, chosen.clone_method, chosen.watermark.has_value());
  }
  Metrics::instance().first_byte(
      engine_name, format_label,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
  set_delivery_headers(res, request, state->cached != nullptr);
  res.set_header("X-Accel-Buffering", "no");  // reverse proxies must not hold back the stream

  std::string type = state->sse ? "text/event-stream" : std::string(content_type(request.format));
  if (state->cached && !state->sse && state->first_bytes.empty()) {
    // A whole cached file: sent with its length, straight from the cache entry (no copies, no
    // chunk framing), as fast as the client reads.
    const std::size_t length = state->cached->audio.size();
    res.set_content_provider(
        length, type,
        [state](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
          const std::string& audio = state->cached->audio;
          if (offset >= audio.size()) return false;
          return sink.write(audio.data() + offset, std::min(length, audio.size() - offset));
        },
        [state](bool) {});  // the state (and its holds) live until the response is sent
    return;
  }
  auto provider = [state](std::size_t, httplib::DataSink& sink) {
    // Reused across calls: SpeechStream::next() swaps its buffer with this one, so both keep
    // their capacity and a long stream does not allocate (and fault in) fresh pages per piece.
    std::string& bytes = state->buffer;
    bytes.clear();
    bool more = false;
    try {
      more = next_bytes(*state, bytes);
    } catch (const std::exception& e) {
      // Headers are gone: ending the chunked body without its terminator tells the client
      // the response is incomplete.
      spdlog::error("speech stream failed mid-way: {}", e.what());
      return false;
    }
    if (more) {
      if (bytes.empty()) return true;
      std::string framed = frame(*state, bytes);
      return sink.write(framed.data(), framed.size());
    }
    state->done = true;
    if (state->recorder && state->speech->completed()) {
      state->recorder->finish(state->audio_seconds());
    }
    if (state->sse) {
      // Timestamps requests never use the cache, so their epilogue always has a stream.
      std::string done = state->epilogue && state->speech ? state->epilogue(*state->speech) : "";
      done += done_event(*state);
      if (!sink.write(done.data(), done.size())) return false;
    }
    sink.done();
    return true;
  };
  auto release = [state](bool success) {
    if (!success) spdlog::info("speech stream ended early (client gone or error)");
    if (!state->speech) return;  // a cache hit: no engine work to account for
    state->speech->cancel();
    Metrics::instance().audio_produced(state->speech->plan().engine->info().name,
                                       state->speech->audio_seconds(),
                                       state->speech->synthesis_seconds());
  };
  if (close_delimited) {
    res.set_header("Connection", "close");
    res.set_content_provider(type, std::move(provider), std::move(release));
  } else {
    res.set_chunked_content_provider(type, std::move(provider), std::move(release));
  }
}

}  // namespace chorus
