#include "engines/kokoro/kokoro_output_guard.h"

#include <cmath>

namespace chorus::kokoro {
namespace {

constexpr float kSilence = 1e-3f;           // -60 dBFS: the signal before a burst is far below
constexpr std::size_t kMaxRamp = 2400;      // 100 ms: the burst's rise out of the silence
constexpr std::size_t kTailSpan = 2400;     // a burst ending this close to the end is the tail

bool corrupt(float x) { return !std::isfinite(x) || std::fabs(x) > kMaxPlausibleSample; }

}  // namespace

OutputRepair remove_corrupt_samples(std::vector<float>& pcm) {
  OutputRepair repair;
  std::size_t first = pcm.size(), last = 0;
  for (std::size_t i = 0; i < pcm.size(); ++i) {
    if (corrupt(pcm[i])) {
      if (first == pcm.size()) first = i;
      last = i;
    }
  }
  if (first == pcm.size()) return repair;
  // Back over the rise into the burst, to where the signal was silent (or the ramp limit).
  std::size_t start = first;
  while (start > 0 && first - start < kMaxRamp && std::fabs(pcm[start - 1]) > kSilence) --start;
  if (pcm.size() - last <= kTailSpan) {
    repair.removed = pcm.size() - start;
    pcm.resize(start);
    return repair;
  }
  // Inside the signal: silence the burst and the ramps on both sides of it.
  std::size_t end = last + 1;
  while (end < pcm.size() && end - last < kMaxRamp && std::fabs(pcm[end]) > kSilence) ++end;
  for (std::size_t i = start; i < end; ++i) pcm[i] = 0.0f;
  repair.zeroed = end - start;
  return repair;
}

}  // namespace chorus::kokoro
