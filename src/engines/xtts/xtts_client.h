#pragma once
// The HTTP calls chorus makes to one xtts-streaming-server endpoint. Every call opens its own
// connection: the server handles one stream at a time anyway, and a per-call client can be
// aborted (cancellation) without disturbing other requests.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/api_error.h"
#include "core/cancel_token.h"
#include "engines/xtts/xtts_config.h"
#include "engines/xtts/xtts_latents.h"
#include "engines/http_audio/endpoint_url.h"

namespace chorus::xtts {

// The endpoint could not be reached, or the connection broke or stalled: the endpoint is
// presumed down until a health probe succeeds again. Other EngineErrors (a 4xx/5xx answer, a
// malformed body) leave it healthy.
class EndpointUnavailable : public EngineError {
 public:
  using EngineError::EngineError;
};

struct ClientTimeouts {
  std::chrono::milliseconds connect{3000};
  std::chrono::milliseconds read{30000};   // between stream pieces
  std::chrono::milliseconds slow{60000};   // /clone_speaker and /studio_speakers
};

class XttsClient {
 public:
  // Throws std::invalid_argument for a malformed URL.
  XttsClient(std::string url, ClientTimeouts timeouts);

  const std::string& url() const { return url_; }

  // GET /languages with its own (short) read timeout: also the health probe.
  std::vector<std::string> languages(std::chrono::milliseconds timeout) const;
  // GET /studio_speakers: name -> latents, in the server's order. Entries with malformed
  // latents are skipped (logged).
  std::vector<std::pair<std::string, Latents>> studio_speakers() const;
  // POST /clone_speaker with the WAV as multipart field "wav_file".
  Latents clone_speaker(const std::string& wav) const;

  enum class StreamEnd { kComplete, kStopped };
  // POST /tts_stream with a prepared JSON body. `on_bytes` receives each piece of the body as it
  // arrives and returns false to stop. Returns kStopped when on_bytes or `cancel` stopped it (the
  // connection is closed, which ends the server's generation), kComplete when the body ended.
  // Throws EndpointUnavailable when the connection fails, breaks or stalls longer than the read
  // timeout, EngineError for an error status.
  StreamEnd tts_stream(const std::string& json_body,
                       const std::function<bool(std::string_view)>& on_bytes,
                       const CancelToken& cancel) const;

 private:
  std::string url_;
  http_audio::EndpointUrl endpoint_;
  ClientTimeouts timeouts_;
};

}  // namespace chorus::xtts
