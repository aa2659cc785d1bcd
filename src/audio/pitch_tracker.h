#pragma once
// Fundamental-frequency tracking for voice analysis, after the YIN method (de Cheveigné and
// Kawahara, 2002): cumulative-mean-normalized difference function, absolute threshold, parabolic
// refinement. Runs on a 12 kHz copy of the signal, which keeps every speech F0 well resolved.
#include <span>
#include <vector>

namespace chorus::audio {

struct PitchOptions {
  double min_hz = 60.0;
  double max_hz = 500.0;
  double threshold = 0.15;   // first dip of the normalized difference below this is the period
  double voiced_max = 0.35;  // frames whose best dip stays above this are unvoiced
  double hop_seconds = 0.01;
};

struct PitchTrack {
  double hop_seconds = 0.01;
  std::vector<float> f0_hz;  // per hop; 0 = unvoiced or silent
};

PitchTrack track_pitch(std::span<const float> samples, int rate, PitchOptions options = {});

struct PitchStats {
  double median_hz = 0.0;
  double low_hz = 0.0;   // 10th percentile of voiced frames
  double high_hz = 0.0;  // 90th percentile
  double voiced_seconds = 0.0;
};

PitchStats pitch_stats(const PitchTrack& track);

}  // namespace chorus::audio
