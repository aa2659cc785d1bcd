#include "engines/kokoro/kokoro_output_guard.h"

#include <algorithm>
#include <cmath>

namespace chorus::kokoro {
namespace {

constexpr float kSilence = 1e-3f;        // -60 dBFS: the signal before a tail burst is far below
constexpr std::size_t kMaxRamp = 2400;   // 100 ms: a tail burst's rise out of the silence
constexpr std::size_t kGap = 2400;       // corrupt samples closer than this are one burst
constexpr std::size_t kMargin = 48;      // 2 ms silenced on each side of a burst inside

bool corrupt(float x) { return !std::isfinite(x) || std::fabs(x) > kMaxPlausibleSample; }

}  // namespace

OutputRepair remove_corrupt_samples(std::vector<float>& pcm) {
  OutputRepair repair;
  const std::size_t n = pcm.size();
  std::size_t i = 0;
  while (i < n) {
    if (!corrupt(pcm[i])) {
      ++i;
      continue;
    }
    // One burst: corrupt samples with gaps shorter than kGap between them.
    const std::size_t first = i;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < n && j - last <= kGap; ++j) {
      if (corrupt(pcm[j])) last = j;
    }
    if (n - last <= kGap) {
      // Runs to the end: cut from where the signal rose out of the silence before it.
      std::size_t start = first;
      while (start > 0 && first - start < kMaxRamp && std::fabs(pcm[start - 1]) > kSilence) --start;
      repair.removed = n - start;
      pcm.resize(start);
      return repair;
    }
    // At the head or inside: silence it, so the time line stays as the model made it.
    const std::size_t begin = first > kMargin ? first - kMargin : 0;
    const std::size_t end = std::min(n, last + 1 + kMargin);
    std::fill(pcm.begin() + static_cast<std::ptrdiff_t>(begin), pcm.begin() + static_cast<std::ptrdiff_t>(end), 0.0f);
    repair.zeroed += end - begin;
    i = end;
  }
  return repair;
}

}  // namespace chorus::kokoro
