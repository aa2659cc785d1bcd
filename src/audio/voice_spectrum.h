#pragma once
// Long-term average spectrum (LTAS) of speech: the voice's colour (tilt, formant regions)
// averaged over its active frames, in sixth-octave bands from 100 Hz. Levels are in dB with the
// mean over bands removed, so two recordings compare by shape, not loudness.
#include <span>
#include <vector>

namespace chorus::audio {

// Centre frequencies of the LTAS bands (Hz), shared by analysis, matching and the EQ.
const std::vector<double>& ltas_band_centers();

// Mean-removed dB per band; empty when the signal has no active frames. Bands above the
// Nyquist frequency repeat the last band that fits.
std::vector<float> long_term_spectrum(std::span<const float> samples, int rate);

// Root-mean-square dB difference between two LTAS (same band layout); 0 if either is empty.
double spectrum_distance(std::span<const float> a, std::span<const float> b);

}  // namespace chorus::audio
