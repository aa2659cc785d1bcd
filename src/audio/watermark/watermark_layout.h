#pragma once
// Where the mark lives. Audio at 24 kHz is cut into 512-sample frames every 256 samples
// (sqrt-Hann windows, which overlap-add back to the input exactly). Bins 8..135 (375 Hz to
// 6.3 kHz: under the 8 kHz a 16 kHz resampling keeps) are grouped into tiles of 2 bins x 2
// frames; a period of 128 frames (1.37 s) holds 4096 tiles. A fixed, public pseudo-random layout
// gives each tile a slot and a sign: 48 slots carry the coded payload bits, 16 a known
// synchronization pattern, each slot 64 tiles spread over the period. The period
// repeats for the whole stream, so any 1.4 s stretch holds every tile once and longer audio
// holds more copies for the detector to add up.
#include <array>
#include <cstddef>
#include <vector>

#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

inline constexpr int kSampleRate = 24000;
inline constexpr std::size_t kFrameSize = 512;
inline constexpr std::size_t kHop = 256;
inline constexpr std::size_t kFirstBin = 8;
inline constexpr std::size_t kBandBins = 128;
inline constexpr std::size_t kTileBins = 2;
inline constexpr std::size_t kTileFrames = 2;
inline constexpr std::size_t kPeriodFrames = 128;
inline constexpr std::size_t kSyncSlots = 16;
inline constexpr std::size_t kSlots = kCodedBits + kSyncSlots;
inline constexpr std::size_t kTileRows = kPeriodFrames / kTileFrames;
inline constexpr std::size_t kTileColumns = kBandBins / kTileBins;
inline constexpr std::size_t kTiles = kTileRows * kTileColumns;
inline constexpr std::size_t kTilesPerSlot = kTiles / kSlots;
static_assert(kTiles % kSlots == 0, "every slot gets the same number of tiles");

class Layout {
 public:
  static const Layout& instance();

  // For frame `phase` (frame index modulo kPeriodFrames) and band bin `bin` (0..kBandBins-1).
  std::size_t slot(std::size_t phase, std::size_t bin) const { return slot_[cell(phase, bin)]; }
  float chip(std::size_t phase, std::size_t bin) const { return chip_[cell(phase, bin)]; }
  // +1 or -1: what a sync slot (kCodedBits..kSlots-1) always carries.
  float sync_sign(std::size_t slot) const { return sync_[slot - kCodedBits]; }

 private:
  Layout();
  static std::size_t cell(std::size_t phase, std::size_t bin) {
    return (phase / kTileFrames) * kTileColumns + bin / kTileBins;
  }

  std::vector<std::size_t> slot_;  // per tile
  std::vector<float> chip_;        // per tile, +1 or -1
  std::array<float, kSyncSlots> sync_{};
};

// +1/-1 per slot for a payload: its coded bits (1 -> +1), then the sync pattern.
std::array<float, kSlots> slot_signs(const CodedBits& bits);

// The periodic sqrt-Hann window of kFrameSize points (analysis and synthesis).
const std::vector<float>& sqrt_hann();

}  // namespace chorus::audio::watermark
