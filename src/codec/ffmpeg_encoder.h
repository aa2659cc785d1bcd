#pragma once
// mp3, opus, aac and flac through libavcodec + libavformat, muxed into memory: a custom
// non-seekable AVIOContext hands every byte the muxer produces to the sink, which makes muxers
// pick their streamable layouts (no Xing/seek-back headers, Ogg pages, ADTS frames, raw FLAC).
#include <cstdint>
#include <memory>
#include <span>

#include "codec/audio_format.h"
#include "codec/encoder.h"

namespace chorus {

class FfmpegEncoder final : public Encoder {
 public:
  // `format` must be one of kMp3, kOpus, kAac or kFlac; input is mono s16 at `sample_rate`.
  // Throws std::runtime_error (with FFmpeg's message) when the codec or muxer cannot be set up.
  FfmpegEncoder(AudioFormat format, int sample_rate, ByteSink sink);
  ~FfmpegEncoder() override;
  FfmpegEncoder(const FfmpegEncoder&) = delete;
  FfmpegEncoder& operator=(const FfmpegEncoder&) = delete;

  // Encodes whole codec frames and forwards what the muxer produced. Ogg pages are closed at the
  // end of each call, so callers should pass blocks of tens of milliseconds, not single samples.
  void write(std::span<const int16_t> samples) override;
  void finish() override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chorus
