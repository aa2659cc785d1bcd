#pragma once
// Settings of the XTTS-v2 engine: which xtts-streaming-server endpoints to use and how patiently.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace chorus::xtts {

struct XttsConfig {
  // Base URLs of xtts-streaming-server instances ("http://gpu-host:8000", optionally with a path
  // prefix when behind a reverse proxy). All are assumed to run the same model.
  std::vector<std::string> urls;
  // TCP connect limit; a GPU host that does not answer fails fast so the router can fall back.
  std::chrono::milliseconds connect_timeout{3000};
  // Longest silence between two pieces of a stream (and before the first one, which includes the
  // model's time to first chunk). A stream that stalls longer fails instead of hanging.
  std::chrono::milliseconds read_timeout{30000};
  // /clone_speaker runs the conditioning encoder on up to 30 s of audio: allow more.
  std::chrono::milliseconds clone_timeout{60000};
  // Health probes (GET /languages) use a short limit so a dead host is noticed quickly.
  std::chrono::milliseconds health_timeout{2000};
  // Period of the background health probe; 0 = only on demand (check_health()) and on failures.
  std::chrono::milliseconds health_interval{10000};
  // How long a request waits for a free endpoint slot before failing as busy.
  std::chrono::milliseconds slot_wait{60000};
  // Simultaneous streams per endpoint. xtts-streaming-server handles one stream at a time.
  int max_streams_per_endpoint = 1;
  // GPT tokens per audio piece (sent as a string, as the server expects). 20 ~ 0.9 s of audio.
  int stream_chunk_size = 20;
  // Overrides the model version used as the latents cache key; empty = derived from the URLs.
  std::string model_version;
  // Cloned voices whose latents stay in memory (least recently used ones are dropped first; the
  // voice store keeps them all).
  std::size_t latents_cache_entries = 256;

  // Throws std::invalid_argument naming the first bad field.
  void Validate() const;
  std::string ToString() const;
};

}  // namespace chorus::xtts
