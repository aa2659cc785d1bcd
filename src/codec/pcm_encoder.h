#pragma once
// Headerless 16-bit little-endian samples: OpenAI's `pcm` response format.
#include <cstdint>
#include <span>

#include "codec/encoder.h"

namespace chorus {

// Sends samples to `sink` as s16le whatever the host byte order is.
void write_s16le(std::span<const int16_t> samples, const ByteSink& sink);

class PcmEncoder final : public Encoder {
 public:
  explicit PcmEncoder(ByteSink sink);
  void write(std::span<const int16_t> samples) override;
  void finish() override;

 private:
  ByteSink sink_;
  bool finished_ = false;
};

}  // namespace chorus
