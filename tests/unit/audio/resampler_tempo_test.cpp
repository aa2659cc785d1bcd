#include <gtest/gtest.h>

#include <vector>

#include "audio/resampler.h"
#include "audio/sample_convert.h"
#include "audio/tempo_filter.h"
#include "signal_tools.h"

namespace chorus::audio {
namespace {

std::vector<int16_t> as_s16(const std::vector<float>& in) {
  std::vector<int16_t> out;
  append_s16(in, out);
  return out;
}

TEST(Resampler, EqualRatesPassThrough) {
  Resampler r(24000, 24000);
  const auto in = test::sine(0.1, 440.0, 24000, 0.5);
  std::vector<float> out;
  r.process(in, out);
  r.drain(out);
  EXPECT_EQ(out, in);
}

TEST(Resampler, ConvertsRateAndKeepsFrequencyAcrossPiecesAndDrains) {
  Resampler r(16000, 24000);
  std::vector<float> out;
  for (int round = 0; round < 2; ++round) {
    const auto in = test::sine(0.5, 300.0, 16000, 0.5);
    const std::size_t before = out.size();
    r.process(std::span(in).first(1234), out);
    r.process(std::span(in).subspan(1234), out);
    r.drain(out);
    EXPECT_NEAR(static_cast<double>(out.size() - before), 12000.0, 4.0) << "round " << round;
    const std::vector<float> piece(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
    EXPECT_NEAR(test::dominant_frequency(as_s16(piece), 24000), 300.0, 1.0);
  }
}

TEST(TempoFilter, StagesStayWithinAtempoSweetSpot) {
  EXPECT_EQ(TempoFilter::stages(1.5), std::vector<double>({1.5}));
  EXPECT_EQ(TempoFilter::stages(4.0), std::vector<double>({2.0, 2.0}));
  EXPECT_EQ(TempoFilter::stages(0.25), std::vector<double>({0.5, 0.5}));
  EXPECT_EQ(TempoFilter::stages(3.0), std::vector<double>({2.0, 1.5}));
  EXPECT_EQ(TempoFilter::stages(0.3).size(), 2u);
  EXPECT_THROW(TempoFilter::stages(0.0), std::invalid_argument);
}

TEST(TempoFilter, DrainEmitsEverythingAndFilterIsReusable) {
  TempoFilter f(24000, 2.0);
  for (int round = 0; round < 2; ++round) {
    const auto in = test::sine(1.0, 440.0, 24000, 0.5);
    std::vector<float> out;
    f.process(in, out);
    f.drain(out);
    EXPECT_NEAR(static_cast<double>(out.size()), 12000.0, 12000.0 * 0.02) << "round " << round;
    EXPECT_NEAR(test::dominant_frequency(as_s16(out), 24000), 440.0, 440.0 * 0.03);
  }
}

}  // namespace
}  // namespace chorus::audio
