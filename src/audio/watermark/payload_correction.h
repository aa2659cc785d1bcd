#pragma once
// Reading the payload from soft bits, correcting the few least reliable ones. The 48 coded bits
// carry no error-correcting code, only a CRC-16: one wrong bit in 48 loses the payload, and
// under noise or a low-bitrate codec the weakest bits are the ones that go wrong. When the hard
// decisions fail their CRC, the ways of flipping some of the kCorrectableBits least reliable
// bits are tried, the most likely (smallest summed reliability) first (Chase's algorithm,
// 1972). Each try is another chance for a wrong payload to pass the CRC (255 tries leave 8 of
// its 16 bits to catch one), and a correction cannot be right when one of the errors is among
// the bits not searched. So a correction is tried only when the bits are strong enough that
// the 40 not searched are probably all right, and the payload it gives must carry an hour a
// mark made by chorus can carry (2026 until a day after now: under 1% of the 2^20 hours in
// 2026, about 0.8% more each year).
#include <array>
#include <cstdint>
#include <optional>

#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

// Per coded bit: the sign is the bit (positive = 1), the magnitude how reliable it is (a
// z-score: about |N(0,1)| on unmarked audio).
using SoftBits = std::array<double, kCodedBits>;

inline constexpr int kCorrectableBits = 8;
// The largest chance, estimated from the bits themselves, that one of the bits not searched is
// wrong for which a correction is still tried. A bit read at z from a mark of strength mu
// (estimated as sqrt(mean z^2 - 1)) is wrong with probability 1 / (1 + exp(2 mu |z|)); on
// unmarked audio mu is about 0 and the chance about 1.
inline constexpr double kMaxUnsearchedErrorChance = 0.5;
// Hours since 1970 at 2026-01-01T00:00Z: no audio was marked by chorus before.
inline constexpr std::uint32_t kFirstMarkHour = 490896;
// Clocks differ: a mark may come from a server up to a day ahead of the detector's.
inline constexpr std::uint32_t kClockSkewHours = 24;

// Hours a mark can carry, first..last inclusive, modulo 2^kHourBits.
struct HourWindow {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool contains(std::uint32_t hour) const;
};

// From kFirstMarkHour to the hour of `unix_now` plus kClockSkewHours.
HourWindow marks_possible_at(std::int64_t unix_now);

struct SoftDecoded {
  Payload payload;
  int corrected_bits = 0;  // bits flipped against the hard decisions
};

// The hard decisions' payload when their CRC matches (whatever its hour); else, when the bits
// are strong enough, the most likely correction that passes the CRC if its hour is possible;
// else nothing.
std::optional<SoftDecoded> decode_soft(const SoftBits& soft, const HourWindow& window);

}  // namespace chorus::audio::watermark
