#pragma once
// Finds the mark in 24 kHz mono audio, wherever the audio starts: it tries 16 sample offsets
// within a hop and every frame phase of the period, ranks them by how well the known sync
// pattern correlates, and decodes the payload of the best few. The features are log band
// powers minus their local spectral mean, so a change of volume or a smooth EQ does not move
// them; every copy of the period in the audio adds to the same sums (soft decoding). Audio
// counts as marked only when a candidate's sync is strong and its payload's CRC matches, as read
// or with a few of its least reliable bits corrected (payload_correction.h).
#include <cstddef>
#include <optional>
#include <span>

#include "audio/watermark/payload_correction.h"
#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {

struct Detection {
  bool watermarked = false;
  double confidence = 0.0;    // 0..1, see docs/watermark.md
  double sync_score = 0.0;    // z-score of the sync correlation of the best candidate
  int corrected_bits = 0;     // payload bits corrected against the hard decisions (marked only)
  double payload_probability = 0.0;  // posterior of the payload read (1 exact, 0 unmarked)
  std::size_t frames = 0;     // analysed frames with sound in them
  std::optional<Payload> payload;
};

// Sync z-score a candidate needs before its payload is even read.
inline constexpr double kMinSyncScore = 4.0;
// Candidates whose payload is read, best sync first.
inline constexpr std::size_t kCandidatesDecoded = 8;

// Corrected payloads must carry an hour in `hours`; the first form allows marks made up to now.
Detection detect(std::span<const float> samples_24k);
Detection detect(std::span<const float> samples_24k, const HourWindow& hours);

}  // namespace chorus::audio::watermark
