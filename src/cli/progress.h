#pragma once
// Progress of a long synthesis on stderr: a redrawn bar with ETA on a terminal, a plain line now
// and then when stderr is a file or pipe (logs stay readable), nothing when quiet.
#include <chrono>
#include <cstdint>
#include <string>

namespace chorus {

class Progress {
 public:
  enum class Style { kBar, kLines, kQuiet };

  // `total` is the input size in bytes (0 when unknown, e.g. standard input); `start` is where
  // a resumed run begins, so the rate and ETA count only this run's work.
  Progress(Style style, std::uint64_t total, std::uint64_t start);

  // Picks kBar when stderr is a terminal, else kLines; kQuiet when `quiet`.
  static Style style_for(bool quiet);

  void update(std::uint64_t done, double audio_seconds);
  void finish(double audio_seconds);

 private:
  std::string describe(std::uint64_t done, double audio_seconds) const;

  Style style_;
  std::uint64_t total_;
  std::uint64_t start_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_print_{};
  int last_percent_ = -1;
  bool drawn_ = false;
};

// "1:02:03" or "2:03" for a duration in seconds.
std::string clock_time(double seconds);

}  // namespace chorus
