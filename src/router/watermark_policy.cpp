#include "router/watermark_policy.h"

#include <stdexcept>
#include <string>

namespace chorus {

void WatermarkConfig::Validate() const {
  if (server_id > audio::watermark::kMaxServerId) {
    throw std::invalid_argument("watermark.server_id: must be 0.." +
                                std::to_string(audio::watermark::kMaxServerId));
  }
}

std::optional<audio::watermark::Payload> watermark_for(const WatermarkConfig& config, bool cloned,
                                                       const Principal& principal,
                                                       std::time_t now) {
  if (principal.unmarked) return std::nullopt;
  if (!(config.enabled || (cloned && config.cloned_voices))) return std::nullopt;
  return audio::watermark::payload_at(config.server_id, static_cast<std::int64_t>(now));
}

}  // namespace chorus
