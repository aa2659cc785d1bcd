#include "audio/watermark/watermark_detector.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <vector>

#include "audio/watermark/frame_fft.h"
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

// Sums over every frame with the same phase in the period: the feature per bin.
struct Folded {
  std::vector<double> sum = std::vector<double>(kPeriodFrames * kBandBins, 0.0);
  std::size_t frames = 0;
};

struct Candidate {
  double sync = 0.0;
  std::size_t offset = 0;
  std::size_t shift = 0;
  std::array<double, kSlots> score{};
  std::array<double, kSlots> variance{};
};

// Log powers of the band (plus the envelope margin) for every frame starting at `offset`.
struct FrameFeatures {
  std::vector<std::vector<float>> log_power;  // per frame, kBandBins + 2 * kEnvelopeBins
  std::vector<double> band_energy;
};

FrameFeatures analyse(std::span<const float> samples, std::size_t offset, const FrameFft& fft) {
  FrameFeatures features;
  const auto& window = sqrt_hann();
  std::vector<std::complex<float>> spectrum(kFrameSize);
  constexpr std::size_t kLow = kFirstBin - kEnvelopeBins;
  constexpr std::size_t kWidth = kBandBins + 2 * kEnvelopeBins;
  for (std::size_t start = offset; start + kFrameSize <= samples.size(); start += kHop) {
    for (std::size_t i = 0; i < kFrameSize; ++i) spectrum[i] = samples[start + i] * window[i];
    fft.forward(spectrum);
    std::vector<float> power(kWidth);
    double band = 0.0;
    for (std::size_t j = 0; j < kWidth; ++j) {
      power[j] = std::norm(spectrum[kLow + j]);
      band += power[j];
    }
    // A floor relative to the frame keeps empty bins (after a codec) from dominating.
    const float floor = static_cast<float>(band / kWidth * 1e-4 + 1e-20);
    for (auto& p : power) p = std::log(p + floor);
    features.log_power.push_back(std::move(power));
    features.band_energy.push_back(band);
  }
  return features;
}

Folded fold(const FrameFeatures& features) {
  Folded folded;
  double loudest = 0.0;
  for (double e : features.band_energy) loudest = std::max(loudest, e);
  const double active_floor = std::max(loudest * std::pow(10.0, -kActiveRangeDb / 10.0), 1e-12);
  for (std::size_t t = 0; t < features.log_power.size(); ++t) {
    if (features.band_energy[t] < active_floor) continue;
    ++folded.frames;
    const auto& power = features.log_power[t];
    const std::size_t phase = t % kPeriodFrames;
    for (std::size_t j = 0; j < kBandBins; ++j) {
      float envelope = 0.0f;
      for (std::size_t k = j; k <= j + 2 * kEnvelopeBins; ++k) envelope += power[k];
      envelope /= static_cast<float>(2 * kEnvelopeBins + 1);
      const float feature =
          std::clamp(power[j + kEnvelopeBins] - envelope, -kFeatureClip, kFeatureClip);
      folded.sum[phase * kBandBins + j] += feature;
    }
  }
  return folded;
}

// Slot scores when the analysed frame at phase p sits at embedding phase (p + shift). Cells of
// one tile are summed first: their features are correlated, so the tile is the unit of noise.
Candidate score(const Folded& folded, std::size_t offset, std::size_t shift) {
  const Layout& layout = Layout::instance();
  Candidate c;
  c.offset = offset;
  c.shift = shift;
  std::array<double, kTiles> tiles{};
  for (std::size_t p = 0; p < kPeriodFrames; ++p) {
    const std::size_t phase = (p + shift) % kPeriodFrames;
    for (std::size_t j = 0; j < kBandBins; ++j) {
      tiles[(phase / kTileFrames) * kTileColumns + j / kTileBins] += folded.sum[p * kBandBins + j];
    }
  }
  for (std::size_t row = 0; row < kTileRows; ++row) {
    for (std::size_t col = 0; col < kTileColumns; ++col) {
      const double t = tiles[row * kTileColumns + col];
      const std::size_t phase = row * kTileFrames;
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

Detection detect(std::span<const float> input) {
  Detection result;
  if (input.size() < kFrameSize) return result;
  const std::vector<float> samples = sanitized(input);
  const FrameFft fft(kFrameSize);
  std::vector<Candidate> candidates;
  for (std::size_t offset = 0; offset < kHop; offset += kOffsetStep) {
    const Folded folded = fold(analyse(samples, offset, fft));
    result.frames = std::max(result.frames, folded.frames);
    if (folded.frames == 0) continue;
    for (std::size_t shift = 0; shift < kPeriodFrames; ++shift) {
      candidates.push_back(score(folded, offset, shift));
    }
  }
  if (candidates.empty()) return result;
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.sync > b.sync; });
  result.sync_score = candidates.front().sync;
  for (std::size_t i = 0; i < std::min(kCandidatesDecoded, candidates.size()); ++i) {
    const Candidate& c = candidates[i];
    if (c.sync < kMinSyncScore) break;
    CodedBits bits{};
    double weakest = INFINITY;
    for (std::size_t s = 0; s < kCodedBits; ++s) {
      bits[s] = c.score[s] > 0.0 ? 1 : 0;
      const double z = c.variance[s] > 0.0 ? std::abs(c.score[s]) / std::sqrt(c.variance[s]) : 0.0;
      weakest = std::min(weakest, z);
    }
    if (auto payload = decode_payload(bits)) {
      result.watermarked = true;
      result.payload = payload;
      result.sync_score = c.sync;
      result.weakest_bit = weakest;
      break;
    }
  }
  result.confidence = confidence_from(result.sync_score);
  if (!result.watermarked) result.confidence = std::min(result.confidence, 0.49);
  return result;
}

}  // namespace chorus::audio::watermark
