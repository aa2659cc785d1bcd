#include "cli/progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace chorus {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

std::string clock_time(double seconds) {
  auto s = static_cast<long long>(std::max(0.0, std::round(seconds)));
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
  }
  return text;
}

Progress::Style Progress::style_for(bool quiet) {
  if (quiet) return Style::kQuiet;
  return isatty(STDERR_FILENO) ? Style::kBar : Style::kLines;
}

Progress::Progress(Style style, std::uint64_t total, std::uint64_t start)
    : style_(style), total_(total), start_(start) {}

std::string Progress::describe(std::uint64_t done, double audio_seconds) const {
  std::string text;
  double elapsed = seconds_since(started_);
  if (total_ > 0) {
    double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    text += std::to_string(static_cast<int>(fraction * 100)) + "%";
    if (style_ == Style::kBar) {
      constexpr int kWidth = 24;
      int filled = static_cast<int>(fraction * kWidth);
      text = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] " + text;
    }
  } else {
    text += std::to_string(done / 1024) + " KiB read";
  }
  text += ", " + clock_time(audio_seconds) + " of audio";
  if (elapsed > 0.5) {
    char rate[32];
    std::snprintf(rate, sizeof rate, ", %.1fx real time", audio_seconds / elapsed);
    text += rate;
  }
  // ETA from this run's own pace: bytes of text per second since it started.
  if (total_ > 0 && done > start_ && elapsed > 1.0) {
    double per_byte = elapsed / static_cast<double>(done - start_);
    text += ", ETA " + clock_time(per_byte * static_cast<double>(total_ - std::min(total_, done)));
  }
  return text;
}

void Progress::update(std::uint64_t done, double audio_seconds) {
  if (style_ == Style::kQuiet) return;
  auto now = Clock::now();
  double since_print = std::chrono::duration<double>(now - last_print_).count();
  if (style_ == Style::kBar) {
    if (since_print < 0.1) return;  // redraw at most ten times a second
    std::fprintf(stderr, "\r\033[K%s", describe(done, audio_seconds).c_str());
    drawn_ = true;
  } else {
    // A line every 5% or every 30 s, whichever comes first.
    int percent = total_ ? static_cast<int>(100.0 * static_cast<double>(done) /
                                            static_cast<double>(total_))
                         : -1;
    if (percent / 5 == last_percent_ / 5 && since_print < 30) return;
    last_percent_ = percent;
    std::fprintf(stderr, "progress: %s\n", describe(done, audio_seconds).c_str());
  }
  std::fflush(stderr);
  last_print_ = now;
}

void Progress::finish(double audio_seconds) {
  if (style_ == Style::kQuiet) return;
  if (drawn_) std::fputs("\r\033[K", stderr);
  std::fprintf(stderr, "done: %s of audio in %s\n", clock_time(audio_seconds).c_str(),
               clock_time(seconds_since(started_)).c_str());
  std::fflush(stderr);
}

}  // namespace chorus
