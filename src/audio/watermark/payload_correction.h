#pragma once
// Reading the payload from soft bits. The 48 coded bits carry no error-correcting code, only a
// CRC-16, and under noise or a low-bitrate codec a damaged mark reads with a few wrong bits. When
// the hard decisions fail their CRC, the payload is decoded by maximum likelihood over every
// payload a mark can carry (any server id, an hour from kFirstMarkHour to a day after now: about
// 2^25 of the 2^48 bit patterns), and read only when its posterior probability is at least
// kMinPosterior. Bits read at z from a mark of strength mu are z ~ N(+-mu, 1), so a payload's
// likelihood is exp(mu * sum(z_i * x_i)) with x_i = +-1 its bits; the sum over all payloads
// splits into a server part, an hour part and a CRC part linked by XOR (the CRC is linear), and
// is one XOR convolution: a Walsh-Hadamard transform of 2^16 values.
#include <array>
#include <cstdint>
#include <optional>

#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

// Per coded bit: the sign is the bit (positive = 1), the magnitude how reliable it is (a
// z-score: about |N(0,1)| on unmarked audio).
using SoftBits = std::array<double, kCodedBits>;

// The posterior a decoded payload needs. The model is the one above with mu estimated from the
// bits; unit tests and the bench check that it keeps wrong payloads rare (docs/watermark.md).
inline constexpr double kMinPosterior = 0.999;
// The mark's strength, estimated as sqrt(mean z^2 - 1), below which no decoding is tried: bits
// this weak almost never single out one payload, and unmarked audio stays under it (mean z^2
// of 48 unit normals reaches 1.64 about once in 250 reads).
inline constexpr double kMinDecodingStrength = 0.8;
// The most bits a decoded payload may differ from the hard decisions in. The model assumes
// unit-variance noise in the z-scores; bits of a larger spread (a wrong variance estimate) look
// like a weak mark, and random bits lie within 5 bits of one of the ~2^25 payloads a mark can
// carry about a quarter of the time, within 6 nearly always. Measured (unit test): noise of
// spread 2 read as a payload about once in 900 reads with this limit, 18 in 1,000 with none;
// real damaged marks under noise needed up to 5.
inline constexpr int kMaxCorrectedBits = 5;
// Hours since 1970 at 2026-01-01T00:00Z: no audio was marked by chorus before.
inline constexpr std::uint32_t kFirstMarkHour = 490896;
// Clocks differ: a mark may come from a server up to a day ahead of the detector's.
inline constexpr std::uint32_t kClockSkewHours = 24;

// Hours a mark can carry, first..last inclusive, modulo 2^kHourBits.
struct HourWindow {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool contains(std::uint32_t hour) const;
  std::uint32_t size() const;  // hours in the window
};

// From kFirstMarkHour to the hour of `unix_now` plus kClockSkewHours.
HourWindow marks_possible_at(std::int64_t unix_now);

struct SoftDecoded {
  Payload payload;
  int corrected_bits = 0;  // bits that differ from the hard decisions
  double posterior = 1.0;  // of the payload among those in the window (1 for an exact reading)
};

// The hard decisions' payload when their CRC matches (whatever its hour); else the most likely
// payload in `window` when its posterior reaches kMinPosterior; else nothing.
std::optional<SoftDecoded> decode_soft(const SoftBits& soft, const HourWindow& window);

}  // namespace chorus::audio::watermark
