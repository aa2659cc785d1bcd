#pragma once
// RIFF/WAVE with one PCM16 mono stream. The header comes first and is never revisited, so it
// either states exact sizes known in advance or the 0xFFFFFFFF "unknown length" convention that
// ffmpeg, browsers and most players accept for streamed WAV.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "codec/encoder.h"

namespace chorus {

inline constexpr std::size_t kWavHeaderSize = 44;
inline constexpr uint32_t kWavUnknownSize = 0xFFFFFFFFu;

// A 44-byte canonical header; `data_bytes` == kWavUnknownSize marks a stream of unknown length.
std::array<char, kWavHeaderSize> make_wav_header(int sample_rate, uint32_t data_bytes);

class WavEncoder final : public Encoder {
 public:
  // With `total_samples` > 0 and not streaming, the header states exact sizes and the output is
  // held to that length: extra samples are dropped and missing ones become silence in finish().
  WavEncoder(int sample_rate, ByteSink sink, bool streaming, std::size_t total_samples);
  void write(std::span<const int16_t> samples) override;
  void finish() override;

 private:
  void ensure_header();

  int sample_rate_;
  ByteSink sink_;
  bool exact_ = false;
  std::size_t total_samples_ = 0;
  std::size_t written_ = 0;
  bool header_sent_ = false;
  bool finished_ = false;
};

}  // namespace chorus
