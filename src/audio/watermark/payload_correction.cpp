#include "audio/watermark/payload_correction.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

namespace chorus::audio::watermark {
namespace {

constexpr std::uint32_t kHourMask = (1u << kHourBits) - 1;

CodedBits hard_decisions(const SoftBits& soft) {
  CodedBits bits{};
  for (std::size_t i = 0; i < kCodedBits; ++i) bits[i] = soft[i] > 0.0 ? 1 : 0;
  return bits;
}

}  // namespace

bool HourWindow::contains(std::uint32_t hour) const {
  // Modular: the 20-bit hour wraps in 2089, and a window may span the wrap.
  return ((hour - first) & kHourMask) <= ((last - first) & kHourMask);
}

HourWindow marks_possible_at(std::int64_t unix_now) {
  const std::int64_t hours = unix_now < 0 ? 0 : unix_now / 3600;
  return {kFirstMarkHour, static_cast<std::uint32_t>(hours + kClockSkewHours) & kHourMask};
}

std::optional<SoftDecoded> decode_soft(const SoftBits& soft, const HourWindow& window) {
  const CodedBits hard = hard_decisions(soft);
  if (auto payload = decode_payload(hard)) return SoftDecoded{*payload, 0};

  // The bits by reliability, weakest first (ties: the lower index).
  std::array<std::size_t, kCodedBits> order;
  for (std::size_t i = 0; i < kCodedBits; ++i) order[i] = i;
  const auto reliability = [&](std::size_t i) { return std::isfinite(soft[i]) ? std::abs(soft[i]) : 0.0; };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return reliability(a) < reliability(b) || (reliability(a) == reliability(b) && a < b);
  });
  // The mark's strength from the bits (z ~ N(+-mu, 1): E[z^2] = mu^2 + 1), and from it the
  // chance that a bit the search leaves alone is wrong.
  double mean_square = 0.0;
  for (std::size_t i = 0; i < kCodedBits; ++i) mean_square += reliability(i) * reliability(i);
  mean_square /= static_cast<double>(kCodedBits);
  const double strength = std::sqrt(std::max(0.0, mean_square - 1.0));
  double all_right = 1.0;
  for (std::size_t i = kCorrectableBits; i < kCodedBits; ++i) {
    all_right *= 1.0 - 1.0 / (1.0 + std::exp(2.0 * strength * reliability(order[i])));
  }
  if (!(1.0 - all_right <= kMaxUnsearchedErrorChance)) return std::nullopt;
  // Every non-empty subset of them, the least costly (most likely to be the errors) first.
  std::array<std::pair<double, unsigned>, (1u << kCorrectableBits) - 1> flips;
  for (unsigned mask = 1; mask < (1u << kCorrectableBits); ++mask) {
    double cost = 0.0;
    for (int b = 0; b < kCorrectableBits; ++b) {
      if (mask >> b & 1u) cost += reliability(order[b]);
    }
    flips[mask - 1] = {cost, mask};
  }
  std::sort(flips.begin(), flips.end());
  for (const auto& [cost, mask] : flips) {
    CodedBits bits = hard;
    int flipped = 0;
    for (int b = 0; b < kCorrectableBits; ++b) {
      if (mask >> b & 1u) {
        bits[order[b]] ^= 1u;
        ++flipped;
      }
    }
    const auto payload = decode_payload(bits);
    // The first pattern that passes the CRC is the most likely correction: if its hour is
    // impossible, the errors were not where the search looked, and a later pattern passing
    // would be a guess, not a reading.
    if (payload) {
      if (!window.contains(payload->hour)) return std::nullopt;
      return SoftDecoded{*payload, flipped};
    }
  }
  return std::nullopt;
}

}  // namespace chorus::audio::watermark
