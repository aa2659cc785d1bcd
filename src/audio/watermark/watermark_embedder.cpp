#include "audio/watermark/watermark_embedder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace chorus::audio::watermark {
namespace {

// The largest |log gain| of a bin (x7.4 or /7.4): only the quietest bins of a frame, between
// harmonics, get near it. Low-bitrate codecs keep little of the fine structure there, so the
// mark needs that room to survive opus at 24 kbit/s; the ratio budget keeps the added power
// small whatever the gains.
constexpr float kMaxStrength = 2.0f;
// Frames quieter than this (about -90 dBFS per sample) are left alone: nothing to hide in.
constexpr double kSilentFrameEnergy = 1e-9 * static_cast<double>(kFrameSize);

// The strengths' scale k is taken once the power it adds lies within this fraction under the
// budget (the mark comes out at most about 0.01% weaker than the budget allows), or once the
// bracket around it is this narrow (relative), whichever comes first.
constexpr double kTolerance = 1e-4;
constexpr int kMaxIterations = 60;
// Strengths go as k / (power + floor), the floor this fraction (-20 dB) of the frame's mean
// band-bin power: about what white noise at 20 dB SNR puts in each bin. A bin far under it
// would carry its share of the mark where noise, or a codec's noise filling, drowns it; with
// k / power alone such bins took most of the budget (bench, 48 clips: noise at 20 dB SNR
// 21% -> 56% of payloads found; floors of 0.3%, 3% and 10% gave 58%, 52% and 38%; opus and
// excerpts unchanged within the sample's noise).
constexpr double kFloorRatio = 0.01;

// Power added to a bin of unit power scaled by exp(+a) or exp(-a), the two equally likely:
// ((e^a - 1)^2 + (1 - e^-a)^2) / 2 = cosh(2a) - 2 cosh(a) + 1, whose Taylor series is the sum
// over n >= 1 of c_n a^(2n), c_n = (4^n - 2) / (2n)!, all terms positive. Nine terms leave a
// relative error under 1e-7 up to the cap a = 2 (the next term is 2e-8 of the sum there), and
// none for small a, where e^a - 1 would lose digits. The strength search sums it over the bins
// with a = k * r (r per bin): as a series it is a polynomial in k^2 whose coefficients are the
// bins' moments, summed once, instead of two exponentials per bin and evaluation (which were
// most of the embedder's time).
constexpr std::size_t kSeriesTerms = 9;

constexpr std::array<double, kSeriesTerms> series_coefficients() {
  std::array<double, kSeriesTerms> c{};
  double four_to_n = 1.0;
  double factorial = 1.0;  // (2n)!
  for (std::size_t n = 1; n <= kSeriesTerms; ++n) {
    four_to_n *= 4.0;
    factorial *= static_cast<double>(2 * n - 1) * static_cast<double>(2 * n);
    c[n - 1] = (four_to_n - 2.0) / factorial;
  }
  return c;
}

constexpr std::array<double, kSeriesTerms> kSeries = series_coefficients();

// The added power of a unit bin at strength a.
double added_power(double a) {
  const double x = a * a;
  double power = kSeries[kSeriesTerms - 1];
  for (std::size_t n = kSeriesTerms - 1; n-- > 0;) power = power * x + kSeries[n];
  return power * x;
}

// Per bin, power * r^(2n) for n = 1..kSeriesTerms: its added power at scale k, uncapped, is the
// sum over n of c_n k^(2n) times these.
using Moments = std::array<double, kSeriesTerms>;

// Added power at scale k and its slope in k.
struct Spending {
  double power;
  double slope;
};

// Of bins whose moments add up to `sums` (uncapped at k), plus `capped_power` of bins at the cap.
Spending spending(const Moments& sums, double capped_power, double k) {
  const double x = k * k;
  double power = 0.0;
  double slope = 0.0;  // d/dk of c_n k^(2n) is 2n c_n k^(2n - 1)
  for (std::size_t n = kSeriesTerms; n-- > 0;) {
    power = power * x + kSeries[n] * sums[n];
    slope = slope * x + 2.0 * static_cast<double>(n + 1) * kSeries[n] * sums[n];
  }
  return {power * x + added_power(kMaxStrength) * capped_power, slope * k};
}

}  // namespace

void bin_strengths(std::span<const float> power, double frame_energy, std::span<float> strength) {
  if (power.size() > kBandBins || strength.size() != power.size()) {
    throw std::invalid_argument("bin_strengths: at most kBandBins powers, one strength each");
  }
  std::fill(strength.begin(), strength.end(), 0.0f);
  double band = 0.0;
  for (float p : power) band += p;
  if (band <= 0.0 || frame_energy <= 0.0) return;
  const double floor = band / static_cast<double>(power.size()) * kFloorRatio;
  // Scaling a bin by exp(+-a) adds about a^2 times its power. Spending a fixed budget of added
  // power so that the sum of the strengths is largest gives each bin a = k / power (capped):
  // a quiet bin costs little, and the detector weighs every bin alike. Counting only what
  // survives a noise floor n (a bin keeps about power / (power + n) of its change) makes it
  // a = k / (power + n). The budget is charged with the exact added power, which grows faster
  // than a^2 for the large gains of quiet bins.
  const double budget = std::pow(10.0, -kTargetRatioDb / 10.0) * frame_energy;
  // The bins with power: theirs, 1 / (power + floor) and their moments, once per frame; an
  // evaluation then only adds the moments of the bins not capped at k (capped bins no longer
  // grow) and evaluates one polynomial.
  std::array<double, kBandBins> powers;
  std::array<double, kBandBins> reciprocals;
  std::array<Moments, kBandBins> moments;
  Moments all{};
  std::size_t count = 0;
  for (float p : power) {
    if (p <= 0.0f) continue;
    powers[count] = p;
    const double r = 1.0 / (p + floor);
    reciprocals[count] = r;
    const double r2 = r * r;
    double m = p;
    for (std::size_t n = 0; n < kSeriesTerms; ++n) {
      m *= r2;
      moments[count][n] = m;
      all[n] += m;
    }
    ++count;
  }
  auto spent = [&](double k) {
    Moments sums{};
    double capped = 0.0;
    for (std::size_t j = 0; j < count; ++j) {
      if (k * reciprocals[j] < kMaxStrength) {
        for (std::size_t n = 0; n < kSeriesTerms; ++n) sums[n] += moments[j][n];
      } else {
        capped += powers[j];
      }
    }
    return spending(sums, capped, k);
  };
  // The largest k within the budget, between `low` (within) and `high` (over): Newton steps
  // from the root of the series' first two terms (exact for small gains when no bin is capped),
  // aimed half the tolerance under the budget so that they end under it rather than creep up
  // on it from above, kept inside the bracket (halving would take about 24 evaluations for the
  // same precision). The spending grows with k, so `low` is always a k within the budget. About
  // 3-4 evaluations a frame (5.3 when the search aimed at the budget itself and closed the
  // bracket with a step across).
  double low = 0.0;
  double high = static_cast<double>(kMaxStrength) * (band + floor);  // every bin at the cap, or more
  if (added_power(kMaxStrength) * band <= budget) {  // every bin capped costs this
    low = high;
  } else {
    const double aim = budget * (1.0 - 0.5 * kTolerance);
    const double enough = budget * (1.0 - kTolerance);
    // c u^2 + b u = aim in u = k^2 (the first two terms, no bin capped), written to stay exact
    // when c u^2 is tiny.
    const double b = kSeries[0] * all[0];
    const double c = kSeries[1] * all[1];
    const double u = 2.0 * aim / (b + std::sqrt(b * b + 4.0 * c * aim));
    double k = std::clamp(std::sqrt(u), 0.5 * high * kTolerance, high);
    for (int i = 0; i < kMaxIterations && high - low > kTolerance * high; ++i) {
      const Spending at = spent(k);
      if (at.power <= budget) {
        low = k;
        if (at.power >= enough) break;
      } else {
        high = k;
      }
      double next = at.slope > 0.0 ? k - (at.power - aim) / at.slope : 0.5 * (low + high);
      if (!(next > low && next < high)) next = 0.5 * (low + high);
      k = next;
    }
  }
  for (std::size_t j = 0; j < power.size(); ++j) {
    if (power[j] > 0.0f) strength[j] = static_cast<float>(std::min<double>(kMaxStrength, low / (power[j] + floor)));
  }
}

void frame_strengths(std::span<const std::complex<float>> bins, std::span<float> power, std::span<float> strength) {
  if (bins.size() != kFrameSize / 2 + 1 || power.size() != kBandBins) {
    throw std::invalid_argument("frame_strengths: one frame's spectrum and kBandBins of scratch");
  }
  // Parseval over the window-weighted frame: the bins between 0 and Nyquist stand for
  // themselves and their mirrors, as a band bin does.
  double spectrum_energy = std::norm(bins.front()) + std::norm(bins.back());
  for (std::size_t k = 1; k + 1 < bins.size(); ++k) spectrum_energy += 2.0 * std::norm(bins[k]);
  for (std::size_t j = 0; j < kBandBins; ++j) power[j] = 2.0f * std::norm(bins[kFirstBin + j]);
  bin_strengths(power, spectrum_energy, strength);
}

Embedder::Embedder(const Payload& payload)
    : signs_(slot_signs(encode_payload(payload))),
      fft_(pooled_frame_fft()),
      pending_(kHop, 0.0f),
      overlap_(kFrameSize, 0.0f),
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
  const std::span<float> samples = fft_->samples();
  for (std::size_t i = 0; i < kFrameSize; ++i) {
    samples[i] = frame[i] * window[i];
    frame_energy += static_cast<double>(frame[i]) * frame[i];
  }
  fft_->forward();
  const std::span<std::complex<float>> bins = fft_->bins();
  if (frame_energy < kSilentFrameEnergy) {
    std::fill(strength_.begin(), strength_.end(), 0.0f);
  } else {
    frame_strengths(bins, power_, strength_);
  }
  const Layout& layout = Layout::instance();
  const std::size_t phase = frame_index_ % kPeriodFrames;
  for (std::size_t j = 0; j < kBandBins; ++j) {
    if (strength_[j] == 0.0f) continue;
    const float sign = layout.chip(phase, j) * signs_[layout.slot(phase, j)];
    bins[kFirstBin + j] *= std::exp(strength_[j] * sign);  // its mirror follows: the output is real
  }
  fft_->inverse();
  const float scale = 1.0f / static_cast<float>(kFrameSize);
  for (std::size_t i = 0; i < kFrameSize; ++i) overlap_[i] += samples[i] * scale * window[i];

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
