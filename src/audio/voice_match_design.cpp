#include "audio/voice_match_design.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "audio/pitch_tracker.h"
#include "audio/voice_activity.h"
#include "audio/voice_match.h"
#include "audio/voice_spectrum.h"

namespace chorus::audio {
namespace {

constexpr double kMaxEqDb = 12.0;

// Bands where formants live: the envelope warp is fitted there only.
bool formant_band(double hz) { return hz >= 300.0 && hz <= 5000.0; }

// LTAS sampled at f / scale: what the spectrum looks like with its envelope scaled by `scale`.
double warped_distance(const std::vector<float>& reference, const std::vector<float>& voice,
                       double scale) {
  const auto& centers = ltas_band_centers();
  const double step = std::log2(centers[1] / centers[0]);
  std::vector<double> a, b;
  for (std::size_t i = 0; i < centers.size() && i < reference.size(); ++i) {
    if (!formant_band(centers[i])) continue;
    const double pos = std::log2(centers[i] / scale / centers[0]) / step;
    if (pos < 0.0 || pos >= static_cast<double>(voice.size() - 1)) continue;
    const auto k = static_cast<std::size_t>(pos);
    const double t = pos - static_cast<double>(k);
    a.push_back(reference[i]);
    b.push_back((1.0 - t) * voice[k] + t * voice[k + 1]);
  }
  if (a.empty()) return 1e9;
  // Compare shapes: remove each side's mean over the fitted bands.
  double ma = 0.0, mb = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= static_cast<double>(a.size());
  mb /= static_cast<double>(b.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += std::pow((a[i] - ma) - (b[i] - mb), 2.0);
  return sum / static_cast<double>(a.size());
}

double best_formant_scale(const std::vector<float>& reference, const std::vector<float>& voice) {
  double best = 1.0, best_distance = warped_distance(reference, voice, 1.0);
  for (double scale = 0.88; scale <= 1.15 + 1e-9; scale += 0.01) {
    const double d = warped_distance(reference, voice, scale);
    // Prefer no warp unless it clearly helps: a mild EQ does the rest with fewer artefacts.
    if (d < best_distance * 0.7) best = scale, best_distance = d;
  }
  return best;
}

// reference - current per band, smoothed over about half an octave: the EQ should follow the
// voice's colour (tilt, formant regions), not the detail of one calibration passage's phonemes.
std::vector<float> smoothed_difference(const std::vector<float>& reference,
                                       const std::vector<float>& current) {
  const std::size_t n = std::min(reference.size(), current.size());
  constexpr std::array<double, 5> kKernel{1.0, 2.0, 3.0, 2.0, 1.0};
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0.0, weight = 0.0;
    for (std::size_t k = 0; k < kKernel.size(); ++k) {
      const auto j = static_cast<std::ptrdiff_t>(i + k) - 2;
      if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) continue;
      sum += kKernel[k] * (static_cast<double>(reference[j]) - current[j]);
      weight += kKernel[k];
    }
    out[i] = static_cast<float>(sum / weight);
  }
  return out;
}

}  // namespace

VoiceMatchDesign design_voice_match(const VoiceAnalysis& reference,
                                    std::span<const float> voice_sample, int rate,
                                    std::string source_voice) {
  VoiceMatchDesign design;
  VoiceMatchProfile& profile = design.profile;
  profile.source_voice = std::move(source_voice);
  const VoiceAnalysis voice = analyze_voice(voice_sample, rate);
  design.f0_before_hz = voice.f0_median_hz;
  design.distance_before_db = spectrum_distance(reference.ltas_db, voice.ltas_db);

  if (reference.f0_median_hz > 0.0 && voice.f0_median_hz > 0.0) {
    profile.pitch_scale = std::clamp(reference.f0_median_hz / voice.f0_median_hz, 0.5, 2.0);
  }
  if (reference.speaking_rate > 0.0 && voice.speaking_rate > 0.0) {
    // Rate estimates are rough: follow them only part way and within a natural range.
    const double ratio = std::sqrt(voice.speaking_rate / reference.speaking_rate);
    profile.time_ratio = std::clamp(ratio, 0.85, 1.18);
  }
  if (!reference.ltas_db.empty() && !voice.ltas_db.empty()) {
    profile.formant_scale = best_formant_scale(reference.ltas_db, voice.ltas_db);
  }

  // Shift first, then measure: the pitch may need a touch-up (the shifter is not exact on
  // every voice) and the EQ must correct the shifted colour, not the original one.
  std::vector<float> shifted = VoiceMatcher(profile, rate).run(voice_sample);
  const double shifted_f0 = pitch_stats(track_pitch(shifted, rate)).median_hz;
  if (shifted_f0 > 0.0 && reference.f0_median_hz > 0.0) {
    const double correction = reference.f0_median_hz / shifted_f0;
    if (std::abs(correction - 1.0) > 0.01) {
      profile.pitch_scale = std::clamp(profile.pitch_scale * correction, 0.5, 2.0);
      shifted = VoiceMatcher(profile, rate).run(voice_sample);
    }
  }

  // Two passes of EQ fitting: the FIR's finite resolution leaves a residual the second removes.
  if (!reference.ltas_db.empty()) {
    profile.eq_gain_db.assign(reference.ltas_db.size(), 0.0f);
    std::vector<float> matched = shifted;
    for (int pass = 0; pass < 2; ++pass) {
      const std::vector<float> current = long_term_spectrum(matched, rate);
      if (current.empty()) break;
      const std::vector<float> step = smoothed_difference(reference.ltas_db, current);
      for (std::size_t i = 0; i < profile.eq_gain_db.size() && i < step.size(); ++i) {
        const double gain = profile.eq_gain_db[i] + step[i];
        profile.eq_gain_db[i] = static_cast<float>(std::clamp(gain, -kMaxEqDb, kMaxEqDb));
      }
      matched = VoiceMatcher(profile, rate).run(voice_sample);
    }
    // Keep the speech level where the engine had it: the EQ is about colour, not loudness.
    const double before = active_rms(shifted, rate), after = active_rms(matched, rate);
    if (before > 0.0 && after > 0.0) profile.output_gain_db = 20.0 * std::log10(before / after);
  }

  const std::vector<float> final_sample = VoiceMatcher(profile, rate).run(voice_sample);
  const VoiceAnalysis result = analyze_voice(final_sample, rate);
  design.f0_after_hz = result.f0_median_hz;
  design.distance_after_db = spectrum_distance(reference.ltas_db, result.ltas_db);
  return design;
}

}  // namespace chorus::audio
