#pragma once
// Shared audio post-processing between an engine and the encoder: resampling from the engine's
// native rate to 24 kHz (libswresample), tempo change for speeds the engine cannot do itself
// (FFmpeg's atempo filter, pitch preserved), click-free joins between chunks, and a loudness-safe
// conversion to 16-bit, with the inaudible watermark (audio/watermark/) added last when the
// response carries one. One instance per response stream; not thread-safe.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "audio/watermark/watermark_payload.h"

namespace chorus {

class PostProcessor {
 public:
  // `tempo` is the speed factor still to apply after the engine (1.0 = none; 0.25..4.0).
  // With `watermark`, every sample returned carries it (pauses included); the watermark holds
  // back up to 511 samples (21 ms) until the next call or flush().
  PostProcessor(int engine_sample_rate, double tempo,
                std::optional<audio::watermark::Payload> watermark = std::nullopt);
  ~PostProcessor();
  PostProcessor(const PostProcessor&) = delete;
  PostProcessor& operator=(const PostProcessor&) = delete;

  // Samples of one engine chunk (a sentence), at the engine's rate. Returns 24 kHz s16 samples
  // ready to encode; a few milliseconds may be held back to fade the chunk's end.
  std::vector<int16_t> process(std::span<const float> samples);

  // Ends the current chunk: fades its edge, appends `pause_seconds` of silence, returns the rest.
  std::vector<int16_t> end_chunk(double pause_seconds = 0.0);

  // Drains resampler and tempo filter at the end of the stream.
  std::vector<int16_t> flush();

  // Silence end_chunk() appends for a pause, in 24 kHz samples.
  static std::size_t pause_samples(double pause_seconds);

  // Total 24 kHz samples of the stream so far: returned, or held back by the watermark (whose
  // output is as long as its input), so chunk boundaries are exact positions in the audio.
  std::size_t samples_out() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chorus
