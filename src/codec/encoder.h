#pragma once
// Encoders turn 24 kHz mono 16-bit PCM into one of the six response formats, writing bytes to a
// sink as soon as the container allows, so the HTTP layer can stream them. Output is always
// streamable: no seek-back headers (WAV uses 0xFFFFFFFF sizes when streaming).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include "codec/audio_format.h"

namespace chorus {

using ByteSink = std::function<void(std::string_view bytes)>;

class Encoder {
 public:
  virtual ~Encoder() = default;
  virtual void write(std::span<const int16_t> samples) = 0;
  // Flushes the codec and writes the trailer. No write() after finish().
  virtual void finish() = 0;
};

// `streaming` selects the 0xFFFFFFFF WAV size convention; when false and the total length is
// known in advance (`total_samples` > 0) WAV gets exact sizes.
std::unique_ptr<Encoder> make_encoder(AudioFormat format, int sample_rate, ByteSink sink,
                                      bool streaming = true, std::size_t total_samples = 0);

}  // namespace chorus
