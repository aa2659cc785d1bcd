#pragma once
// Which responses carry the audio watermark, and what it says. Cloned voices are marked unless
// configured otherwise (they are what a mark is for); other voices when watermark.enabled; an
// admin key listed in watermark.unmarked_keys turns it off for its own requests.
#include <cstdint>
#include <ctime>
#include <optional>

#include "audio/watermark/watermark_payload.h"
#include "core/principal.h"

namespace chorus {

struct WatermarkConfig {
  bool enabled = false;       // mark every voice
  bool cloned_voices = true;  // mark cloned voices (whatever `enabled` says)
  std::uint32_t server_id = 0;  // in the payload, 0..4095: which server made the audio

  void Validate() const;  // throws std::invalid_argument naming the key
};

// The payload a response gets, or nothing when it is not marked.
std::optional<audio::watermark::Payload> watermark_for(const WatermarkConfig& config, bool cloned,
                                                       const Principal& principal,
                                                       std::time_t now);

}  // namespace chorus
