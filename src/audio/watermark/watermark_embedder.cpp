#include "audio/watermark/watermark_embedder.h"

#include <algorithm>
#include <cmath>

namespace chorus::audio::watermark {
namespace {

// The largest |log gain| of a bin (x7.4 or /7.4): only the quietest bins of a frame, between
// harmonics, get near it. Low-bitrate codecs keep little of the fine structure there, so the
// mark needs that room to survive opus at 24 kbit/s; the ratio budget keeps the added power
// small whatever the gains.
constexpr float kMaxStrength = 2.0f;
// Frames quieter than this (about -90 dBFS per sample) are left alone: nothing to hide in.
constexpr double kSilentFrameEnergy = 1e-9 * static_cast<double>(kFrameSize);

// Relative precision of the strengths' scale k: the mark comes out at most 0.01% weaker than
// the budget allows.
constexpr double kPrecision = 1e-4;
constexpr int kMaxIterations = 60;
// Strengths go as k / (power + floor), the floor this fraction (-20 dB) of the frame's mean
// band-bin power: about what white noise at 20 dB SNR puts in each bin. A bin far under it
// would carry its share of the mark where noise, or a codec's noise filling, drowns it; with
// k / power alone such bins took most of the budget (bench, 48 clips: noise at 20 dB SNR
// 21% -> 56% of payloads found; floors of 0.3%, 3% and 10% gave 58%, 52% and 38%; opus and
// excerpts unchanged within the sample's noise).
constexpr double kFloorRatio = 0.01;

// Power added to a bin of unit power scaled by exp(+a) or exp(-a), the two equally likely, and
// its slope in a.
struct Added {
  double power;
  double slope;
};

Added added_power(double a) {
  const double grown = std::exp(a);
  const double shrunk = 1.0 / grown;
  const double up = grown - 1.0;
  const double down = 1.0 - shrunk;
  return {0.5 * (up * up + down * down), up * grown + down * shrunk};
}

}  // namespace

void bin_strengths(std::span<const float> power, double frame_energy, std::span<float> strength) {
  std::fill(strength.begin(), strength.end(), 0.0f);
  double band = 0.0;
  for (float p : power) band += p;
  if (band <= 0.0 || frame_energy <= 0.0) return;
  const double floor = band / static_cast<double>(power.size()) * kFloorRatio;
  double inverse_sum = 0.0;
  for (float p : power) {
    if (p > 0.0f) inverse_sum += p / ((p + floor) * (p + floor));
  }
  // Scaling a bin by exp(+-a) adds about a^2 times its power. Spending a fixed budget of added
  // power so that the sum of the strengths is largest gives each bin a = k / power (capped):
  // a quiet bin costs little, and the detector weighs every bin alike. Counting only what
  // survives a noise floor n (a bin keeps about power / (power + n) of its change) makes it
  // a = k / (power + n). The budget is charged with the exact added power, which grows faster
  // than a^2 for the large gains of quiet bins.
  const double budget = std::pow(10.0, -kTargetRatioDb / 10.0) * frame_energy;
  // Added power at scale k and its slope in k (capped bins no longer grow).
  auto spent = [&](double k) {
    Added total{0.0, 0.0};
    for (float p : power) {
      if (p <= 0.0f) continue;
      const double a = k / (p + floor);
      const Added added = added_power(std::min<double>(kMaxStrength, a));
      total.power += added.power * p;
      if (a < kMaxStrength) total.slope += added.slope * p / (p + floor);
    }
    return total;
  };
  // The largest k within the budget, between `low` (within) and `high` (over): Newton steps
  // from the small-gain estimate (k^2 * sum(1/p) = budget when no bin is capped), kept inside
  // the bracket, where halving would take about 24 evaluations for the same precision. The
  // spending grows with k, so `low` is always a k within the budget.
  double low = 0.0;
  double high = static_cast<double>(kMaxStrength) * (band + floor);  // every bin at the cap, or more
  if (added_power(kMaxStrength).power * band <= budget) {  // every bin capped costs this
    low = high;
  } else {
    double k = std::clamp(std::sqrt(budget / inverse_sum), 0.5 * high * kPrecision, high);
    for (int i = 0; i < kMaxIterations && high - low > kPrecision * high; ++i) {
      const Added at = spent(k);
      (at.power <= budget ? low : high) = k;
      double next = at.slope > 0.0 ? k - (at.power - budget) / at.slope : 0.5 * (low + high);
      // Converged from one side: a step just across the root closes the bracket.
      if (std::abs(next - k) <= kPrecision * k) next = at.power <= budget ? k * (1 + kPrecision) : k * (1 - kPrecision);
      if (!(next > low && next < high)) next = 0.5 * (low + high);
      k = next;
    }
  }
  for (std::size_t j = 0; j < power.size(); ++j) {
    if (power[j] > 0.0f) strength[j] = static_cast<float>(std::min<double>(kMaxStrength, low / (power[j] + floor)));
  }
}

Embedder::Embedder(const Payload& payload)
    : signs_(slot_signs(encode_payload(payload))),
      fft_(pooled_frame_fft()),
      pending_(kHop, 0.0f),
      overlap_(kFrameSize, 0.0f),
      spectrum_(kFrameSize),
      power_(kBandBins),
      strength_(kBandBins) {}

void Embedder::process(std::span<const float> in, std::vector<float>& out) {
  pending_.insert(pending_.end(), in.begin(), in.end());
  taken_ += in.size();
  while (pending_.size() - consumed_ >= kFrameSize) run_frame(out);
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(consumed_));
  consumed_ = 0;
}

void Embedder::flush(std::vector<float>& out) {
  while (given_ < taken_) {
    pending_.resize(std::max(pending_.size(), consumed_ + kFrameSize), 0.0f);
    run_frame(out);
  }
  pending_.clear();
  consumed_ = 0;
  // The last frame may have produced zero padding past the input's end.
  const std::size_t extra = given_ - taken_;
  out.resize(out.size() - extra);
  given_ = taken_;
}

void Embedder::run_frame(std::vector<float>& out) {
  const auto& window = sqrt_hann();
  double frame_energy = 0.0;
  const float* frame = pending_.data() + consumed_;
  for (std::size_t i = 0; i < kFrameSize; ++i) {
    spectrum_[i] = frame[i] * window[i];
    frame_energy += static_cast<double>(frame[i]) * frame[i];
  }
  fft_->forward(spectrum_);
  // Parseval over the window-weighted frame; a band bin stands for itself and its mirror.
  double spectrum_energy = 0.0;
  for (const auto& x : spectrum_) spectrum_energy += std::norm(x);
  for (std::size_t j = 0; j < kBandBins; ++j) power_[j] = 2.0f * std::norm(spectrum_[kFirstBin + j]);
  if (frame_energy < kSilentFrameEnergy) {
    std::fill(strength_.begin(), strength_.end(), 0.0f);
  } else {
    bin_strengths(power_, spectrum_energy, strength_);
  }
  const Layout& layout = Layout::instance();
  const std::size_t phase = frame_index_ % kPeriodFrames;
  for (std::size_t j = 0; j < kBandBins; ++j) {
    if (strength_[j] == 0.0f) continue;
    const float sign = layout.chip(phase, j) * signs_[layout.slot(phase, j)];
    const float gain = std::exp(strength_[j] * sign);
    spectrum_[kFirstBin + j] *= gain;
    spectrum_[kFrameSize - kFirstBin - j] *= gain;  // the mirror bin keeps the output real
  }
  fft_->inverse(spectrum_);
  const float scale = 1.0f / static_cast<float>(kFrameSize);
  for (std::size_t i = 0; i < kFrameSize; ++i) overlap_[i] += spectrum_[i].real() * scale * window[i];

  // The first kHop samples now have both of their frames: they are final.
  const std::size_t skip = std::min(to_skip_, kHop);
  out.insert(out.end(), overlap_.begin() + static_cast<std::ptrdiff_t>(skip),
             overlap_.begin() + static_cast<std::ptrdiff_t>(kHop));
  given_ += kHop - skip;
  to_skip_ -= skip;
  std::copy(overlap_.begin() + kHop, overlap_.end(), overlap_.begin());
  std::fill(overlap_.end() - kHop, overlap_.end(), 0.0f);
  consumed_ += kHop;
  ++frame_index_;
}

}  // namespace chorus::audio::watermark
