#pragma once
// The individual steps of reference processing, exposed for tests: each works on mono float.
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace chorus::voices {

// Fraction (0..1) of speech frames (20 ms) that contain hard clipping: a run of at least three
// samples pinned near full scale.
double clipped_fraction(std::span<const float> samples, int rate);

// [begin, end) of the samples without leading/trailing silence, keeping a short margin so
// onsets and releases are not cut. {0, 0} when nothing is above the silence threshold.
std::pair<std::size_t, std::size_t> speech_bounds(std::span<const float> samples, int rate);

// Start of the `window_seconds` window holding the most speech frames.
std::size_t best_window_start(std::span<const float> samples, int rate, double window_seconds);

// Scales speech frames to -20 dBFS RMS, limited so peaks stay at or below -1 dBFS.
void normalize_speech_level(std::vector<float>& samples, int rate);

}  // namespace chorus::voices
