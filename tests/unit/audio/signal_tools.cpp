#include "signal_tools.h"

#include <cmath>
#include <cstdlib>
#include <numbers>

namespace chorus::test {

std::vector<float> sine(double seconds, double frequency, int rate, double amplitude,
                        double phase) {
  const auto n = static_cast<std::size_t>(std::lround(seconds * rate));
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    out[i] =
        static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * frequency * t + phase));
  }
  return out;
}

double dominant_frequency(std::span<const int16_t> samples, int rate) {
  const std::size_t begin = samples.size() / 10;
  const std::size_t end = samples.size() - samples.size() / 10;
  double first = -1.0;
  double last = -1.0;
  int crossings = 0;
  for (std::size_t i = begin + 1; i < end; ++i) {
    const double a = samples[i - 1];
    const double b = samples[i];
    if ((a < 0.0 && b >= 0.0) || (a >= 0.0 && b < 0.0)) {
      const double t = static_cast<double>(i - 1) + a / (a - b);
      if (first < 0.0) first = t;
      last = t;
      ++crossings;
    }
  }
  if (crossings < 3) return 0.0;
  return (crossings - 1) / 2.0 / ((last - first) / rate);
}

int max_step(std::span<const int16_t> samples, std::size_t begin, std::size_t end) {
  int worst = 0;
  for (std::size_t i = begin + 1; i < end && i < samples.size(); ++i) {
    worst = std::max(worst, std::abs(samples[i] - samples[i - 1]));
  }
  return worst;
}

}  // namespace chorus::test
