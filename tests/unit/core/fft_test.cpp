// Fft (libavutil's av_tx): the transform of a known signal, the inverse undoing the forward one,
// and refusing sizes it does not take.
#include "core/fft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace chorus {
namespace {

TEST(Fft, ACosineHasItsTwoBins) {
  constexpr std::size_t n = 512;
  constexpr std::size_t k = 37;
  std::vector<std::complex<float>> data(n);
  for (std::size_t i = 0; i < n; ++i) {
    data[i] = static_cast<float>(std::cos(2.0 * std::numbers::pi * k * i / n));
  }
  Fft(n, false).run(data);
  for (std::size_t bin = 0; bin < n; ++bin) {
    const float expected = bin == k || bin == n - k ? n / 2.0f : 0.0f;
    EXPECT_NEAR(std::abs(data[bin]), expected, 1e-2) << "bin " << bin;
  }
}

TEST(Fft, InverseUndoesForwardUpToTheSize) {
  constexpr std::size_t n = 256;
  std::vector<std::complex<float>> data(n), original(n);
  for (std::size_t i = 0; i < n; ++i) {
    original[i] = {static_cast<float>(std::sin(0.3 * i)), static_cast<float>(i % 7) - 3.0f};
  }
  data = original;
  Fft(n, false).run(data);
  Fft(n, true).run(data);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_NEAR(data[i].real() / n, original[i].real(), 1e-4);
    EXPECT_NEAR(data[i].imag() / n, original[i].imag(), 1e-4);
  }
}

TEST(Fft, RefusesSizesThatAreNotPowersOfTwoAndWrongInputs) {
  EXPECT_THROW(Fft(0, false), std::invalid_argument);
  EXPECT_THROW(Fft(1, false), std::invalid_argument);
  EXPECT_THROW(Fft(300, false), std::invalid_argument);
  Fft fft(64, false);
  std::vector<std::complex<float>> wrong(32);
  EXPECT_THROW(fft.run(wrong), std::invalid_argument);
}

}  // namespace
}  // namespace chorus
