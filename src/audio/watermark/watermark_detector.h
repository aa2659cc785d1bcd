#pragma once
// Finds the mark in 24 kHz mono audio, wherever the audio starts: it tries 16 sample offsets
// within a hop and every frame phase of the period, ranks them by how well the known sync
// pattern correlates, and decodes the payload of the best few. The features are log band
// powers minus their local spectral mean, so a change of volume or a smooth EQ does not move
// them; every copy of the period in the audio adds to the same sums (soft decoding). Audio
// counts as marked only when a candidate's sync is strong and its payload's CRC matches.
#include <cstddef>
#include <optional>
#include <span>

#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

struct Detection {
  bool watermarked = false;
  double confidence = 0.0;    // 0..1, see docs/watermark.md
  double sync_score = 0.0;    // z-score of the sync correlation of the best candidate
  double weakest_bit = 0.0;   // smallest |z| among the decoded payload bits (marked only)
  std::size_t frames = 0;     // analysed frames with sound in them
  std::optional<Payload> payload;
};

// Sync z-score a candidate needs before its payload is even read.
inline constexpr double kMinSyncScore = 4.0;
// Candidates whose payload is read, best sync first.
inline constexpr std::size_t kCandidatesDecoded = 8;

Detection detect(std::span<const float> samples_24k);

}  // namespace chorus::audio::watermark
