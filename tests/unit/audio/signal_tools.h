#pragma once
// Synthetic test signals and simple measurements for the audio stage.
#include <cstdint>
#include <span>
#include <vector>

namespace chorus::test {

std::vector<float> sine(double seconds, double frequency, int rate, double amplitude,
                        double phase = 0.0);

// Frequency from interpolated zero crossings over the middle 80% of the signal, so fades and
// filter ramps at the edges do not bias it.
double dominant_frequency(std::span<const int16_t> samples, int rate);

// Largest absolute difference between neighbouring samples in [begin, end).
int max_step(std::span<const int16_t> samples, std::size_t begin, std::size_t end);

}  // namespace chorus::test
