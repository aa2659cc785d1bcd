#include "engines/xtts/xtts_config.h"

#include <sstream>
#include <stdexcept>

#include "engines/http_audio/endpoint_url.h"

namespace chorus::xtts {

void XttsConfig::Validate() const {
  if (urls.empty()) throw std::invalid_argument("xtts urls: at least one endpoint URL is required");
  for (const auto& url : urls) http_audio::parse_endpoint_url(url);  // throws with the URL in the message
  // Messages name the configuration keys (engines.xtts.*) a user would change.
  auto positive = [](std::chrono::milliseconds value, const char* name) {
    if (value.count() <= 0) throw std::invalid_argument(std::string("engines.xtts.") + name + ": must be > 0");
  };
  positive(connect_timeout, "connect_timeout_ms");
  positive(read_timeout, "read_timeout_ms");
  positive(clone_timeout, "clone_timeout_ms");
  positive(health_timeout, "health_timeout_ms");
  positive(slot_wait, "slot_wait_ms");
  if (health_interval.count() < 0) throw std::invalid_argument("engines.xtts.health_interval_ms: must be >= 0");
  if (max_streams_per_endpoint < 1) {
    throw std::invalid_argument("engines.xtts.streams_per_endpoint: must be >= 1");
  }
  // The server decodes every stream_chunk_size GPT tokens; 1..400 is what its GPT can produce
  // (gpt_max_audio_tokens is 605, but pieces beyond a few hundred tokens defeat streaming).
  if (stream_chunk_size < 1 || stream_chunk_size > 400) {
    throw std::invalid_argument("xtts stream_chunk_size: must be in 1..400");
  }
  if (latents_cache_entries < 1) throw std::invalid_argument("xtts latents_cache_entries: must be >= 1");
}

std::string XttsConfig::ToString() const {
  std::ostringstream out;
  out << "XttsConfig{urls=[";
  for (std::size_t i = 0; i < urls.size(); ++i) out << (i ? ", " : "") << urls[i];
  out << "], connect_timeout_ms=" << connect_timeout.count()
      << ", read_timeout_ms=" << read_timeout.count()
      << ", clone_timeout_ms=" << clone_timeout.count()
      << ", health_timeout_ms=" << health_timeout.count()
      << ", health_interval_ms=" << health_interval.count()
      << ", slot_wait_ms=" << slot_wait.count()
      << ", max_streams_per_endpoint=" << max_streams_per_endpoint
      << ", stream_chunk_size=" << stream_chunk_size
      << ", model_version=" << (model_version.empty() ? "<derived>" : model_version)
      << ", latents_cache_entries=" << latents_cache_entries << "}";
  return out.str();
}

}  // namespace chorus::xtts
