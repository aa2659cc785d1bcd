#include "audio/voice_eq.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "audio/voice_fft.h"
#include "audio/voice_spectrum.h"

namespace chorus::audio {
namespace {

constexpr std::size_t kDesignSize = 1024;  // 23 Hz resolution at 24 kHz
constexpr double kMaxGainDb = 15.0;

double gain_at(double hz, std::span<const float> gains_db) {
  const auto& centers = ltas_band_centers();
  const std::size_t n = std::min(centers.size(), gains_db.size());
  if (n == 0) return 0.0;
  if (hz <= centers[0]) return gains_db[0];
  if (hz >= centers[n - 1]) return gains_db[n - 1];
  const double pos = std::log2(hz / centers[0]) / std::log2(centers[1] / centers[0]);
  const auto i = static_cast<std::size_t>(pos);
  const double t = pos - static_cast<double>(i);
  if (i + 1 >= n) return gains_db[n - 1];
  return (1.0 - t) * gains_db[i] + t * gains_db[i + 1];
}

}  // namespace

VoiceEq::VoiceEq(std::span<const float> gains_db, double output_gain_db, int sample_rate) {
  // Frequency sampling: zero-phase magnitude response, inverse FFT, centred and windowed.
  std::vector<std::complex<float>> spectrum(kDesignSize);
  for (std::size_t k = 0; k <= kDesignSize / 2; ++k) {
    const double hz = static_cast<double>(k) * sample_rate / kDesignSize;
    const double db = std::clamp(gain_at(hz, gains_db), -kMaxGainDb, kMaxGainDb) + output_gain_db;
    const auto magnitude = static_cast<float>(std::pow(10.0, db / 20.0));
    spectrum[k] = magnitude;
    if (k > 0 && k < kDesignSize / 2) spectrum[kDesignSize - k] = magnitude;
  }
  fft_in_place(spectrum, /*inverse=*/true);
  const std::size_t length = kDesignSize - 1;  // odd: a whole-sample delay of length/2
  taps_.resize(length);
  for (std::size_t i = 0; i < length; ++i) {
    const std::size_t src = (i + kDesignSize - length / 2) % kDesignSize;
    const double window =
        0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i + 1) /
                             static_cast<double>(length + 1));
    taps_[i] = static_cast<float>(spectrum[src].real() / kDesignSize * window);
  }
  history_.assign(2 * length, 0.0f);
  to_skip_ = length / 2;
}

void VoiceEq::push(float x, std::vector<float>& out) {
  // Each sample is stored twice, L apart, so the last L inputs are always one contiguous run
  // history_[pos_+1 .. pos_+L] (oldest first); the taps are symmetric, so no reversal is needed.
  const std::size_t length = taps_.size();
  history_[pos_] = x;
  history_[pos_ + length] = x;
  const float* window = history_.data() + pos_ + 1;
  double y = 0.0;
  for (std::size_t i = 0; i < length; ++i) y += static_cast<double>(taps_[i]) * window[i];
  pos_ = (pos_ + 1) % length;
  if (to_skip_ > 0) {
    --to_skip_;
  } else {
    out.push_back(static_cast<float>(y));
  }
}

void VoiceEq::process(std::span<const float> in, std::vector<float>& out) {
  out.reserve(out.size() + in.size());
  for (float x : in) push(x, out);
  fed_ += in.size();
}

void VoiceEq::flush(std::vector<float>& out) {
  // length/2 zeros push every fed sample out (the first length/2 outputs were skipped), then
  // the state resets so the next chunk borrows nothing from this one.
  const std::size_t delay = taps_.size() / 2;
  if (fed_ > 0) {
    for (std::size_t i = 0; i < delay; ++i) push(0.0f, out);
  }
  std::fill(history_.begin(), history_.end(), 0.0f);
  pos_ = 0;
  to_skip_ = delay;
  fed_ = 0;
}

}  // namespace chorus::audio
