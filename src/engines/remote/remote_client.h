#pragma once
// The HTTP calls chorus makes to one OpenAI-compatible speech server (cpp-httplib's client).
// Every call opens its own connection, so a stream can be aborted (client gone, timeout)
// without disturbing the others.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api_error.h"
#include "core/cancel_token.h"
#include "engines/remote/remote_config.h"
#include "engines/remote/remote_voice_list.h"
#include "engines/http_audio/endpoint_url.h"

namespace chorus::remote {

// The server could not be reached, or the stream broke off or stalled: presumed down until a
// probe succeeds. Other errors (an answered request with a bad status) leave it up.
class RemoteUnavailable : public EngineError {
 public:
  using EngineError::EngineError;
};

class RemoteClient {
 public:
  explicit RemoteClient(const RemoteConfig& config);  // config must outlive the client

  struct ProbeResult {
    bool reachable = false;  // the server answered at all
    int status = 0;
    std::string body;
    std::string error;  // transport error when not reachable
  };
  // GET `path` with the health timeout.
  ProbeResult get(const std::string& path) const;

  // Throws EngineError when the server's answer is not a voice list.
  std::vector<RemoteVoice> voices_from(const ProbeResult& answer) const;

  enum class StreamEnd { kComplete, kStopped };
  // POST /v1/audio/speech with `json_body`; `on_bytes` receives the audio body as it arrives and
  // returns false to stop. kStopped when on_bytes or `cancel` stopped it (the connection is
  // closed: the server stops generating). Throws RemoteUnavailable for a failed, broken or
  // stalled connection, ApiError 400 when the server refused the request itself (unknown voice,
  // bad input), EngineError for any other error status (a rejected API key says so).
  StreamEnd speak(const std::string& json_body,
                  const std::function<bool(std::string_view)>& on_bytes,
                  const CancelToken& cancel) const;

  // "remote engine 'NAME' at URL": how every message names the server.
  std::string describe() const;

 private:
  const RemoteConfig& config_;
  http_audio::EndpointUrl endpoint_;
};

// The message inside a server's error body: OpenAI's {"error": {"message"}}, FastAPI's
// {"detail": ...}, or the start of the body as text.
std::string error_message_of(std::string_view body);

}  // namespace chorus::remote
