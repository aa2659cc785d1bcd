#pragma once
// Frame-level speech activity from signal level, for reference recordings and analysis. Speech is
// what stands clearly above the recording's own loud frames minus a margin and above an absolute
// floor, so a quiet phone recording and a loud studio one are judged alike.
#include <cstddef>
#include <span>
#include <vector>

namespace chorus::audio {

struct ActivityOptions {
  double frame_seconds = 0.02;
  double margin_db = 35.0;     // active: within this of the loud frames' level...
  double floor_dbfs = -55.0;   // ...and above this absolute level
};

struct Activity {
  std::size_t frame_samples = 0;
  std::vector<float> level_db;  // RMS per frame, dBFS
  std::vector<bool> active;     // speech-like frames
  double reference_db = -120.0;  // level of the loud frames (95th percentile)

  std::size_t active_count() const;
  double active_seconds(int rate) const;
};

Activity measure_activity(std::span<const float> samples, int rate, ActivityOptions options = {});

// RMS over the active frames only (silence does not dilute the level); 0 when none is active.
double active_rms(std::span<const float> samples, int rate);

// Value at quantile q (0..1) of `values`, by sorting a copy; 0 for an empty input.
double quantile(std::vector<float> values, double q);

}  // namespace chorus::audio
