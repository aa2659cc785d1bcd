#pragma once
// Adds the mark to a 24 kHz stream chunk by chunk. Each frame's band bins are scaled by
// exp(+-strength) following the layout; the strengths are set per frame and bin so that the
// added signal stays kTargetRatioDb under the frame (quiet bins, which cost little, move
// further, up to a cap; bins far under the frame's mean power no further than those near a
// noise floor 20 dB under it). Frame positions count from the first sample, so the same audio cut
// into different chunks gets the same mark. Output lags input by kHop to 2 * kHop - 1 samples
// until flush().
#include <array>
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

#include "audio/watermark/frame_fft.h"
#include "audio/watermark/watermark_layout.h"
#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

class Embedder {
 public:
  explicit Embedder(const Payload& payload);

  // Appends marked samples to `out` (as many as are final; kHop fewer than taken in total).
  void process(std::span<const float> in, std::vector<float>& out);
  // Appends the rest: afterwards exactly as many samples came out as went in.
  void flush(std::vector<float>& out);

 private:
  void run_frame(std::vector<float>& out);

  std::array<float, kSlots> signs_;
  PooledFrameFft fft_;
  // Input not yet consumed by a whole frame, from pending_[consumed_] (at a hop boundary). The
  // consumed front is dropped once per process() call, not per frame: dropping it per frame
  // moved the whole chunk for every 256 samples.
  std::vector<float> pending_;
  std::size_t consumed_ = 0;
  std::vector<float> overlap_;   // kFrameSize samples of overlap-add under construction
  std::vector<float> power_;     // per band bin
  std::vector<float> strength_;  // per band bin, |log gain|
  std::size_t frame_index_ = 0;
  std::size_t taken_ = 0;        // input samples received
  std::size_t given_ = 0;        // output samples appended
  std::size_t to_skip_ = kHop;   // the zero pre-roll's output
};

// Per band bin `power` (at most kBandBins), the |log gain| each bin gets so that the added signal
// stays kTargetRatioDb under `frame_energy` (same scale as the powers); `strength` has one entry
// per power. Throws std::invalid_argument otherwise.
void bin_strengths(std::span<const float> power, double frame_energy, std::span<float> strength);

// The strengths of a frame's band bins from its spectrum `bins` (the kFrameSize / 2 + 1 bins of
// the window-weighted frame), as the embedder sets them: the budget is the whole spectrum's
// energy (Parseval), a band bin's power counts its mirror. `power` is scratch of kBandBins.
// The detector calls it on the audio it receives to tell which bins carry most of the mark.
void frame_strengths(std::span<const std::complex<float>> bins, std::span<float> power, std::span<float> strength);

// Target of the signal-to-watermark ratio per frame, dB.
inline constexpr double kTargetRatioDb = 30.0;

}  // namespace chorus::audio::watermark
