#pragma once
// The watermark's transforms: a real FFT of kFrameSize, forward and inverse (the embedder runs
// one of each per 256 output samples, the detector thousands per file), from a process-wide pool.
#include <memory>

#include "core/fft.h"

namespace chorus::audio::watermark {

// A RealFft of kFrameSize that nobody else uses until the handle goes. Setting one up costs
// about 0.3 ms (libavutil builds its tables), twice what marking the first tenth of a second
// takes, and every marked response needs one before its first byte.
struct ReturnToPool {
  void operator()(RealFft* fft) const;
};
using PooledFrameFft = std::unique_ptr<RealFft, ReturnToPool>;
PooledFrameFft pooled_frame_fft();

}  // namespace chorus::audio::watermark
