// Fft and RealFft (libavutil's av_tx): the transform of a known signal, the inverse undoing the
// forward one, agreeing with each other, and refusing sizes they do not take.
#include "core/fft.h"

#include <gtest/gtest.h>

#include <algorithm>
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

TEST(RealFft, ACosineHasItsBin) {
  constexpr std::size_t n = 512;
  constexpr std::size_t k = 37;
  RealFft fft(n);
  ASSERT_EQ(fft.samples().size(), n);
  ASSERT_EQ(fft.bins().size(), n / 2 + 1);
  for (std::size_t i = 0; i < n; ++i) fft.samples()[i] = static_cast<float>(std::cos(2.0 * std::numbers::pi * k * i / n));
  fft.forward();
  for (std::size_t bin = 0; bin <= n / 2; ++bin) {
    EXPECT_NEAR(std::abs(fft.bins()[bin]), bin == k ? n / 2.0f : 0.0f, 1e-2) << "bin " << bin;
  }
}

TEST(RealFft, AgreesWithTheComplexTransformAndInvertsIt) {
  constexpr std::size_t n = 256;
  std::vector<float> signal(n);
  for (std::size_t i = 0; i < n; ++i) signal[i] = static_cast<float>(std::sin(0.3 * i) + 0.25 * (i % 5));
  std::vector<std::complex<float>> complex(signal.begin(), signal.end());
  Fft(n, false).run(complex);
  RealFft fft(n);
  std::copy(signal.begin(), signal.end(), fft.samples().begin());
  fft.forward();
  for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(fft.samples()[i], signal[i]);  // kept
  for (std::size_t bin = 0; bin <= n / 2; ++bin) {
    EXPECT_NEAR(fft.bins()[bin].real(), complex[bin].real(), 1e-3) << "bin " << bin;
    EXPECT_NEAR(fft.bins()[bin].imag(), complex[bin].imag(), 1e-3) << "bin " << bin;
  }
  fft.inverse();
  for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(fft.samples()[i] / n, signal[i], 1e-5);
}

TEST(RealFft, RefusesSizesThatAreNotPowersOfTwo) {
  EXPECT_THROW(RealFft(2), std::invalid_argument);
  EXPECT_THROW(RealFft(300), std::invalid_argument);
}

}  // namespace
}  // namespace chorus
