#include "audio/watermark/watermark_detector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <ctime>
#include <vector>

#include "audio/watermark/frame_fft.h"
#include "audio/watermark/watermark_embedder.h"
#include "audio/watermark/watermark_layout.h"

namespace chorus::audio::watermark {
namespace {

// Offsets tried within a hop (16); a frame 8 samples off its embedding position sees nearly the same
// band powers.
constexpr std::size_t kOffsetStep = 16;
// Bins on each side whose mean log power is subtracted (the spectral envelope).
constexpr std::size_t kEnvelopeBins = 3;
// Log-power deviations beyond this are clipped: a spectral null must not outvote many tiles.
constexpr float kFeatureClip = 2.5f;
// Frames more than this far under the loudest frame's band energy are treated as silence.
constexpr double kActiveRangeDb = 45.0;

// Sums over every frame with the same phase in the period: the feature per bin. Rows exist only
// for the phases that received frames (a short input fills a few of the 128); the others are
// exactly zero.
struct Folded {
  static constexpr std::size_t kNoRow = kPeriodFrames;
  // Per phase, its row in `sum` and `column_pairs`, or kNoRow.
  std::array<std::size_t, kPeriodFrames> row_of{};
  std::vector<double> sum;  // kBandBins per row
  // Per row, the two bins of each tile column added (0 + first) + second: half of a tile's sum,
  // formed once here instead of once per shift (128 shifts per offset).
  std::vector<double> column_pairs;  // kTileColumns per row
  // Phases that received a frame, ascending.
  std::vector<std::size_t> active_phases;
  std::size_t frames = 0;

  const double* sum_row(std::size_t phase) const {
    return row_of[phase] == kNoRow ? zero_row().data() : &sum[row_of[phase] * kBandBins];
  }
  const double* pairs_row(std::size_t phase) const {
    return row_of[phase] == kNoRow ? zero_row().data() : &column_pairs[row_of[phase] * kTileColumns];
  }
  static const std::array<double, kBandBins>& zero_row() {
    static const std::array<double, kBandBins> zeros{};
    return zeros;
  }
};

struct Candidate {
  double sync = 0.0;
  std::size_t offset = 0;
  std::size_t shift = 0;
  std::array<double, kSlots> score{};
  std::array<double, kSlots> variance{};
};

// Each bin's feature is weighed by the strength the embedder gave it, estimated from the audio
// received (frame_strengths()), to this power: the quiet bins between harmonics moved further,
// so they say more, but a noise or codec that filled them says less than the estimate assumes,
// so the weights are flattened, 1/8 (three square roots). Measured on 300 clips per attack
// (75 per source, bench recipe): opus 24 kbit/s 296 -> 299 payloads read, noise at 20 dB SNR
// 289 -> 295-296; powers of 0.1 to 0.25 read the same within a clip, 0.5 lost noise (275),
// 1 lost it badly (180), while opus kept 299 at every power.
float strength_weight(float strength) { return std::sqrt(std::sqrt(std::sqrt(strength))); }

// Log powers of the band (plus the envelope margin) for every frame starting at `offset`, and
// with `weigh_bins` each band bin's weight.
constexpr std::size_t kFeatureWidth = kBandBins + 2 * kEnvelopeBins;
struct FrameFeatures {
  std::vector<float> log_power;  // kFeatureWidth per frame, frame after frame
  std::vector<double> band_energy;
  std::vector<float> bin_weight;  // kBandBins per frame, or empty: every bin alike
  std::size_t frames() const { return band_energy.size(); }
  const float* frame(std::size_t t) const { return &log_power[t * kFeatureWidth]; }
};

FrameFeatures analyse(std::span<const float> samples, std::size_t offset, RealFft& fft, bool weigh_bins) {
  FrameFeatures features;
  const auto& window = sqrt_hann();
  const std::span<float> frame = fft.samples();
  const std::span<const std::complex<float>> bins = fft.bins();
  constexpr std::size_t kLow = kFirstBin - kEnvelopeBins;
  if (samples.size() >= offset + kFrameSize) {
    const std::size_t frames = (samples.size() - offset - kFrameSize) / kHop + 1;
    features.log_power.reserve(frames * kFeatureWidth);
    features.band_energy.reserve(frames);
    if (weigh_bins) features.bin_weight.reserve(frames * kBandBins);
  }
  std::array<float, kBandBins> scratch{};
  std::array<float, kBandBins> strength{};
  for (std::size_t start = offset; start + kFrameSize <= samples.size(); start += kHop) {
    for (std::size_t i = 0; i < kFrameSize; ++i) frame[i] = samples[start + i] * window[i];
    fft.forward();
    const std::size_t first = features.log_power.size();
    features.log_power.resize(first + kFeatureWidth);
    float* power = &features.log_power[first];
    double band = 0.0;
    for (std::size_t j = 0; j < kFeatureWidth; ++j) {
      power[j] = std::norm(bins[kLow + j]);
      band += power[j];
    }
    // A floor relative to the frame keeps empty bins (after a codec) from dominating.
    const float floor = static_cast<float>(band / kFeatureWidth * 1e-4 + 1e-20);
    for (std::size_t j = 0; j < kFeatureWidth; ++j) power[j] = std::log(power[j] + floor);
    features.band_energy.push_back(band);
    if (weigh_bins) {
      frame_strengths(bins, scratch, strength);
      for (const float a : strength) features.bin_weight.push_back(strength_weight(a));
    }
  }
  return features;
}

// Under added noise, frames that hold little but the noise (pauses, quiet consonants) carry no
// mark; summed at full weight they only add variance. The noise's band energy is estimated as a
// low quantile of the frames' band energies, and each frame's features are weighted by the share
// of its energy over that, with the estimate doubled (a frame at twice the floor is about half
// noise; a quantile sits under the noise frames' mean). On clean audio the quietest frames lose
// weight too, which costs little: the sync score drops about 3% there, while under white noise at
// 20 dB SNR many more marks are read (bench figures in docs/benchmarks.md).
constexpr double kNoiseQuantile = 0.1;
constexpr double kNoiseOverSubtraction = 2.0;
// A steady signal (a held tone, constant noise, heavily compressed speech) has its low quantile
// next to its loud frames: the floor is taken at least 10 dB under the 90th percentile, so such
// audio keeps most of its weight instead of reading as all noise. (Not the median: a recording
// that is mostly pauses has noise there.)
constexpr double kLoudQuantile = 0.9;
constexpr double kNoiseUnderLoud = 0.1;
// Fewer frames than this give no estimate of a floor; their features keep full weight.
constexpr std::size_t kFramesForNoiseFloor = 8;

// Per frame of `active`, the weight of its features.
std::vector<float> share_over_noise(const FrameFeatures& features, const std::vector<std::size_t>& active) {
  std::vector<float> weights(active.size(), 1.0f);
  if (active.size() < kFramesForNoiseFloor) return weights;
  std::vector<double> energies(active.size());
  for (std::size_t i = 0; i < active.size(); ++i) energies[i] = features.band_energy[active[i]];
  const auto at = [&](double share) {
    const auto it = energies.begin() + static_cast<std::ptrdiff_t>(share * static_cast<double>(energies.size() - 1));
    std::nth_element(energies.begin(), it, energies.end());
    return *it;
  };
  const double loud = at(kLoudQuantile);
  const double quantile = at(kNoiseQuantile);
  const double noise = kNoiseOverSubtraction * std::min(quantile, loud * kNoiseUnderLoud);
  for (std::size_t i = 0; i < active.size(); ++i) {
    weights[i] = static_cast<float>(std::max(0.0, 1.0 - noise / features.band_energy[active[i]]));
  }
  return weights;
}

// Folds one offset's frames into `folded`, replacing what it held: rows only for the phases
// that receive frames (a short input costs a few rows, not the 192 KB of the whole period, once
// per offset).
void fold(const FrameFeatures& features, Folded& folded) {
  folded.row_of.fill(Folded::kNoRow);
  folded.sum.clear();
  folded.column_pairs.clear();
  folded.active_phases.clear();
  double loudest = 0.0;
  for (double e : features.band_energy) loudest = std::max(loudest, e);
  const double active_floor = std::max(loudest * std::pow(10.0, -kActiveRangeDb / 10.0), 1e-12);
  std::vector<std::size_t> active;
  for (std::size_t t = 0; t < features.frames(); ++t) {
    if (features.band_energy[t] >= active_floor) active.push_back(t);
  }
  folded.frames = active.size();
  const std::vector<float> weights = share_over_noise(features, active);
  std::size_t rows = 0;
  for (std::size_t i = 0; i < active.size(); ++i) {
    const float* power = features.frame(active[i]);
    const std::size_t phase = active[i] % kPeriodFrames;
    if (folded.row_of[phase] == Folded::kNoRow) {
      folded.row_of[phase] = rows++;
      folded.sum.resize(rows * kBandBins, 0.0);
    }
    double* row = &folded.sum[folded.row_of[phase] * kBandBins];
    const float* bin_weight =
        features.bin_weight.empty() ? nullptr : &features.bin_weight[active[i] * kBandBins];
    for (std::size_t j = 0; j < kBandBins; ++j) {
      float envelope = 0.0f;
      for (std::size_t k = j; k <= j + 2 * kEnvelopeBins; ++k) envelope += power[k];
      envelope /= static_cast<float>(2 * kEnvelopeBins + 1);
      const float feature =
          std::clamp(power[j + kEnvelopeBins] - envelope, -kFeatureClip, kFeatureClip);
      row[j] += (bin_weight ? weights[i] * bin_weight[j] : weights[i]) * feature;
    }
  }
  folded.column_pairs.resize(rows * kTileColumns);
  for (std::size_t p = 0; p < kPeriodFrames; ++p) {
    if (folded.row_of[p] == Folded::kNoRow) continue;
    folded.active_phases.push_back(p);
    const double* row = folded.sum_row(p);
    double* pairs = &folded.column_pairs[folded.row_of[p] * kTileColumns];
    for (std::size_t col = 0; col < kTileColumns; ++col) pairs[col] = (0.0 + row[col * 2]) + row[col * 2 + 1];
  }
}

// The tile rows that analysed frames land on at `shift`, ascending and each once (tiles elsewhere
// are zero).
std::size_t rows_reached(const Folded& folded, std::size_t shift,
                         std::array<std::size_t, kTileRows>& rows) {
  std::size_t count = 0;
  const auto add = [&](std::size_t p) {
    const std::size_t row = (p + shift) % kPeriodFrames / kTileFrames;
    if (count == 0 || rows[count - 1] != row) rows[count++] = row;
  };
  // Phases from kPeriodFrames - shift on wrap around to the lowest embedding phases.
  const auto& phases = folded.active_phases;
  const auto wrap = std::lower_bound(phases.begin(), phases.end(), kPeriodFrames - shift);
  for (auto p = wrap; p != phases.end(); ++p) add(*p);
  for (auto p = phases.begin(); p != wrap; ++p) add(*p);
  return count;
}

// What tile row `row` adds up at `shift`: the analysed phases landing on its embedding phases
// (2 row, 2 row + 1), the earlier one's column pairs first, then the later one's two cells.
struct TileRowInputs {
  const double* pairs;
  const double* cells;
  double tile(std::size_t col) const { return (pairs[col] + cells[col * 2]) + cells[col * 2 + 1]; }
};

TileRowInputs tile_row_inputs(const Folded& folded, std::size_t row, std::size_t shift) {
  static_assert(kTileFrames == 2 && kTileBins == 2, "a tile is two frames by two bins");
  const std::size_t phase = row * kTileFrames;
  const std::size_t p0 = (phase + kPeriodFrames - shift) % kPeriodFrames;
  const std::size_t p1 = (phase + 1 + kPeriodFrames - shift) % kPeriodFrames;
  return {folded.pairs_row(std::min(p0, p1)), folded.sum_row(std::max(p0, p1))};
}

// Slot scores when the analysed frame at phase p sits at embedding phase (p + shift). Cells of
// one tile are summed first: their features are correlated, so the tile is the unit of noise.
// A tile adds its four cells in the order of the frames' phases (the earlier analysed phase's
// pair first), so every shift sums the same numbers in the same order. Tiles of two phases
// without frames are zero and add nothing: a short input costs a few rows, not the whole period.
Candidate score(const Folded& folded, std::size_t offset, std::size_t shift) {
  const Layout& layout = Layout::instance();
  Candidate c;
  c.offset = offset;
  c.shift = shift;
  std::array<std::size_t, kTileRows> rows;
  const std::size_t row_count = rows_reached(folded, shift, rows);
  for (std::size_t r = 0; r < row_count; ++r) {
    const std::size_t phase = rows[r] * kTileFrames;
    const TileRowInputs inputs = tile_row_inputs(folded, rows[r], shift);
    for (std::size_t col = 0; col < kTileColumns; ++col) {
      const double t = inputs.tile(col);
      const std::size_t bin = col * kTileBins;
      const std::size_t slot = layout.slot(phase, bin);
      c.score[slot] += layout.chip(phase, bin) * t;
      c.variance[slot] += t * t;
    }
  }
  double sync = 0.0;
  double variance = 0.0;
  for (std::size_t s = kCodedBits; s < kSlots; ++s) {
    sync += layout.sync_sign(s) * c.score[s];
    variance += c.variance[s];
  }
  c.sync = variance > 0.0 ? sync / std::sqrt(variance) : 0.0;
  return c;
}

// The tiles of the synchronization slots, per tile row in column order: a fifth of all tiles.
struct SyncTile {
  std::size_t column;
  std::size_t slot;  // kCodedBits..kSlots-1
  float chip;
};

const std::array<std::vector<SyncTile>, kTileRows>& sync_tiles() {
  static const auto tiles = [] {
    std::array<std::vector<SyncTile>, kTileRows> rows;
    const Layout& layout = Layout::instance();
    for (std::size_t r = 0; r < kTileRows; ++r) {
      for (std::size_t col = 0; col < kTileColumns; ++col) {
        const std::size_t slot = layout.slot(r * kTileFrames, col * kTileBins);
        if (slot >= kCodedBits) rows[r].push_back({col, slot, layout.chip(r * kTileFrames, col * kTileBins)});
      }
    }
    return rows;
  }();
  return tiles;
}

// score(folded, offset, shift).sync from the synchronization tiles alone, the same numbers added
// in the same order (so the same value, bit for bit): the search ranks every offset and shift by
// it, and only the best few are scored whole.
double sync_score(const Folded& folded, std::size_t shift) {
  const Layout& layout = Layout::instance();
  const auto& tiles = sync_tiles();
  std::array<double, kSyncSlots> score{};
  std::array<double, kSyncSlots> variance{};
  std::array<std::size_t, kTileRows> rows;
  const std::size_t row_count = rows_reached(folded, shift, rows);
  for (std::size_t r = 0; r < row_count; ++r) {
    const TileRowInputs inputs = tile_row_inputs(folded, rows[r], shift);
    for (const SyncTile& tile : tiles[rows[r]]) {
      const double t = inputs.tile(tile.column);
      score[tile.slot - kCodedBits] += tile.chip * t;
      variance[tile.slot - kCodedBits] += t * t;
    }
  }
  double sync = 0.0;
  double total_variance = 0.0;
  for (std::size_t s = kCodedBits; s < kSlots; ++s) {
    sync += layout.sync_sign(s) * score[s - kCodedBits];
    total_variance += variance[s - kCodedBits];
  }
  return total_variance > 0.0 ? sync / std::sqrt(total_variance) : 0.0;
}

double confidence_from(double sync) {
  return std::clamp((sync - 2.0) / kMinSyncScore, 0.0, 1.0);
}

// Decoders can hand over NaN, infinities or absurd peaks; the sums below must stay finite (and
// the candidate sort well-defined), so such samples become silence and peaks are bounded.
std::vector<float> sanitized(std::span<const float> samples) {
  constexpr float kLargest = 32.0f;  // 30 dB over full scale
  std::vector<float> out(samples.begin(), samples.end());
  for (auto& x : out) x = std::isfinite(x) ? std::clamp(x, -kLargest, kLargest) : 0.0f;
  return out;
}

}  // namespace

Detection detect(std::span<const float> samples_24k) {
  return detect(samples_24k, marks_possible_at(std::time(nullptr)));
}

Detection detect(std::span<const float> input, const HourWindow& hours) {
  Detection result;
  if (input.size() < kFrameSize) return result;
  const std::vector<float> samples = sanitized(input);
  // From the pool: setting a transform up (libavutil's tables) costs about 0.3 ms, more than
  // searching a short clip.
  const PooledFrameFft pooled = pooled_frame_fft();
  RealFft& fft = *pooled;
  struct Ranked {
    double sync;
    std::size_t offset;
    std::size_t shift;
  };
  // One buffer for every offset's sums: the ranking needs only the sync scores, and the few
  // candidates read whole are folded again, their bins weighed (strength_weight(); estimating
  // the strengths for every offset would double the search's time).
  Folded folded;
  std::size_t folded_offset = 0;
  bool folded_weighed = false;
  std::vector<Ranked> ranked;
  ranked.reserve(kHop / kOffsetStep * kPeriodFrames);
  for (std::size_t offset = 0; offset < kHop; offset += kOffsetStep) {
    fold(analyse(samples, offset, fft, false), folded);
    folded_offset = offset;
    result.frames = std::max(result.frames, folded.frames);
    if (folded.frames == 0) continue;
    for (std::size_t shift = 0; shift < kPeriodFrames; ++shift) {
      ranked.push_back({sync_score(folded, shift), offset, shift});
    }
  }
  if (ranked.empty()) return result;
  // The best few only, strongest sync first; equal scores in the order they were ranked.
  std::vector<std::size_t> order(ranked.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::size_t best_count = std::min(kCandidatesDecoded, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(best_count), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      return ranked[a].sync > ranked[b].sync || (ranked[a].sync == ranked[b].sync && a < b);
                    });
  result.sync_score = ranked[order.front()].sync;
  for (std::size_t i = 0; i < best_count; ++i) {
    const Ranked& best = ranked[order[i]];
    if (best.sync < kMinSyncScore) break;
    if (best.offset != folded_offset || !folded_weighed) {
      fold(analyse(samples, best.offset, fft, true), folded);
      folded_offset = best.offset;
      folded_weighed = true;
    }
    const Candidate c = score(folded, best.offset, best.shift);
    SoftBits soft{};
    for (std::size_t s = 0; s < kCodedBits; ++s) {
      soft[s] = c.variance[s] > 0.0 ? c.score[s] / std::sqrt(c.variance[s]) : 0.0;
    }
    if (auto decoded = decode_soft(soft, hours)) {
      result.watermarked = true;
      result.payload = decoded->payload;
      result.corrected_bits = decoded->corrected_bits;
      result.payload_probability = decoded->posterior;
      result.sync_score = c.sync;
      break;
    }
  }
  result.confidence = confidence_from(result.sync_score);
  if (!result.watermarked) result.confidence = std::min(result.confidence, 0.49);
  return result;
}

}  // namespace chorus::audio::watermark
