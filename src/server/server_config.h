#pragma once
#include <cstddef>
#include <string>

#include "cache/cache_config.h"
#include "engines/engine_settings.h"
#include "server/auth.h"
#include "server/request_guard.h"
#include "router/admission.h"
#include "router/router.h"
#include "server/speech_request_parser.h"
#include "wyoming/wyoming_config.h"

namespace chorus {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8880;
  std::size_t max_body_bytes = 1 << 20;  // JSON bodies; 4096 characters fit many times over
  std::size_t http_threads = 0;          // 0 = derived from the admission limits
  int read_timeout_seconds = 10;   // longest wait for the next bytes of a request being sent
  // Longest a kept-alive connection may sit with no request at all before it is closed.
  int idle_timeout_seconds = 5;
  int write_timeout_seconds = 30;
  bool log_json = false;  // access log as one JSON object per line
  std::string data_dir;   // cloned voices (voices.sqlite3); empty = the default data directory
  // Where cloned voices live: "sqlite:PATH", a postgresql:// URL, or empty for
  // <data_dir>/voices.sqlite3. May carry a password: never log it unmasked.
  std::string voice_store;
  std::size_t max_upload_bytes = 10 << 20;  // voice samples (multipart); OpenAI's limit
  // Voice creation and one-shot clones: decoding and analysing the reference and designing the
  // built-in voice match take seconds of CPU each, outside any engine's admission, so they get
  // their own limit.
  AdmissionLimits clone_admission{2, 8, std::chrono::milliseconds(60000)};
  int shutdown_grace_seconds = 30;  // on SIGTERM, how long in-flight streams may finish
  AccessConfig access;
  EdgeConfig edge;  // header limits, listen backlog, CORS, Host allow-list
  SpeechLimits speech;
  RouterConfig router;
  EngineSettings engines;
  CacheConfig cache;
  wyoming::WyomingConfig wyoming;  // the Home Assistant listener, off unless a port is given

  void Validate() const;  // throws std::invalid_argument naming the key
  std::string ToString() const;
};

}  // namespace chorus
