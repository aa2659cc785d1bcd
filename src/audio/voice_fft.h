#pragma once
// FFT helpers for voice analysis and EQ design (not on any codec path), on core/fft.h. Sizes are
// powers of two.
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

namespace chorus::audio {

// In-place forward transform (inverse = true: unscaled inverse). data.size() must be a power of 2.
void fft_in_place(std::span<std::complex<float>> data, bool inverse = false);

// |X[k]|^2 for k = 0..n/2 of a real frame zero-padded to `fft_size` (a power of 2).
void power_spectrum(std::span<const float> frame, std::size_t fft_size, std::vector<float>& power);

// Smallest power of two >= n.
std::size_t next_power_of_two(std::size_t n);

// Hann window of `size` points (periodic form, for overlapping analysis frames).
std::vector<float> hann_window(std::size_t size);

}  // namespace chorus::audio
