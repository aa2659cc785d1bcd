#include "audio/post_processor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "signal_tools.h"

namespace chorus {
namespace {

constexpr int kOut = 24000;

void append(std::vector<int16_t>& to, const std::vector<int16_t>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// One chunk through the processor, fed in uneven pieces as a streaming engine would.
std::vector<int16_t> run_chunk(PostProcessor& pp, const std::vector<float>& in,
                               double pause = 0.0) {
  std::vector<int16_t> out;
  std::size_t pos = 0;
  for (std::size_t block = 777; pos < in.size(); block = block * 3 % 5000 + 100) {
    const std::size_t n = std::min(block, in.size() - pos);
    append(out, pp.process(std::span(in).subspan(pos, n)));
    pos += n;
  }
  append(out, pp.end_chunk(pause));
  return out;
}

TEST(PostProcessor, NativeRateAndTempoOneKeepsLengthAndFrequency) {
  PostProcessor pp(kOut, 1.0);
  const auto out = run_chunk(pp, test::sine(1.0, 440.0, kOut, 0.5));
  EXPECT_EQ(out.size(), 24000u);
  EXPECT_NEAR(test::dominant_frequency(out, kOut), 440.0, 0.5);
  EXPECT_EQ(out[12000], static_cast<int16_t>(std::lround(
                            0.5 * std::sin(2 * std::numbers::pi * 440.0 * 0.5) * 32767)));
  EXPECT_TRUE(pp.flush().empty());
  EXPECT_EQ(pp.samples_out(), 24000u);
}

TEST(PostProcessor, Resamples22050To24000) {
  PostProcessor pp(22050, 1.0);
  const auto out = run_chunk(pp, test::sine(1.0, 440.0, 22050, 0.5));
  EXPECT_NEAR(static_cast<double>(out.size()), 24000.0, 4.0);
  EXPECT_NEAR(test::dominant_frequency(out, kOut), 440.0, 440.0 * 0.005);
}

class TempoTest : public testing::TestWithParam<double> {};

TEST_P(TempoTest, ChangesDurationButNotPitch) {
  const double tempo = GetParam();
  PostProcessor pp(kOut, tempo);
  const double seconds = 2.0;
  const auto out = run_chunk(pp, test::sine(seconds, 440.0, kOut, 0.5));
  const double expected = seconds * kOut / tempo;
  // atempo's end-of-stream flush is off by a few of its windows (tens of ms) per chunk.
  EXPECT_NEAR(static_cast<double>(out.size()), expected, expected * 0.01 + 0.015 * kOut);
  EXPECT_NEAR(test::dominant_frequency(out, kOut), 440.0, 440.0 * 0.03);
  EXPECT_EQ(pp.samples_out(), out.size());
}

INSTANTIATE_TEST_SUITE_P(Factors, TempoTest, testing::Values(0.25, 0.5, 0.8, 1.25, 2.0, 4.0));

TEST(PostProcessor, TempoWithResamplingKeepsPitch) {
  PostProcessor pp(16000, 1.5);
  const auto out = run_chunk(pp, test::sine(1.5, 300.0, 16000, 0.5));
  EXPECT_NEAR(static_cast<double>(out.size()), 24000.0, 24000.0 * 0.02);
  EXPECT_NEAR(test::dominant_frequency(out, kOut), 300.0, 300.0 * 0.03);
}

TEST(PostProcessor, LoudInputIsLimitedNotWrapped) {
  PostProcessor pp(kOut, 1.0);
  const auto in = test::sine(0.5, 440.0, kOut, 1.5);
  const auto out = run_chunk(pp, in);
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    // A wrapped sample would flip sign at the peaks.
    if (std::abs(in[i]) > 0.1f) {
      ASSERT_EQ(in[i] > 0, out[i] > 0) << "sample " << i;
    }
  }
  EXPECT_GT(*std::max_element(out.begin(), out.end()), 32000);
  EXPECT_LT(*std::min_element(out.begin(), out.end()), -32000);
  // A 440 Hz sine at full scale moves at most ~3.8k per sample; wrap-around would jump ~64k.
  EXPECT_LT(test::max_step(out, 0, out.size()), 6000);
}

TEST(PostProcessor, NanBecomesSilence) {
  PostProcessor pp(kOut, 1.0);
  const std::vector<float> in(1000, std::numeric_limits<float>::quiet_NaN());
  for (int16_t s : run_chunk(pp, in)) ASSERT_EQ(s, 0);
}

// The first chunk ends at a positive peak and the second starts at a negative one: spliced raw,
// that is a jump of ~1.6 full scale.
void expect_smooth_join(int engine_rate, double tempo) {
  PostProcessor pp(engine_rate, tempo);
  const double f = 440.0;
  const double quarter_cycles = std::round(0.25 * f * 4) + 1;  // ends on a +peak
  const auto first = test::sine(quarter_cycles / (4 * f), f, engine_rate, 0.8);
  const auto second = test::sine(0.25, f, engine_rate, 0.8, -std::numbers::pi / 2);
  ASSERT_GT(std::abs(first.back() - second.front()), 1.5f) << "test signal should have a gap";

  std::vector<int16_t> out = run_chunk(pp, first);
  const std::size_t boundary = out.size();
  append(out, run_chunk(pp, second));
  // Largest natural step of this sine plus a margin for the fade's own slope.
  const double natural = 0.8 * 32767 * 2 * std::numbers::pi * f / kOut;
  EXPECT_LT(test::max_step(out, boundary - 200, boundary + 200), natural * 1.3)
      << "engine rate " << engine_rate << ", tempo " << tempo;
  EXPECT_LT(std::abs(out[boundary - 1]), 500);
  EXPECT_LT(std::abs(out[boundary]), 500);
}

TEST(PostProcessor, ChunkJoinHasNoClick) { expect_smooth_join(kOut, 1.0); }
TEST(PostProcessor, ChunkJoinHasNoClickAfterResampling) { expect_smooth_join(22050, 1.0); }
TEST(PostProcessor, ChunkJoinHasNoClickAfterTempo) { expect_smooth_join(16000, 1.7); }

TEST(PostProcessor, PauseAppendsExactSilence) {
  for (double tempo : {1.0, 2.0}) {
    PostProcessor pp(kOut, tempo);
    const auto speech = run_chunk(pp, test::sine(0.2, 440.0, kOut, 0.5));
    const auto out = run_chunk(pp, test::sine(0.2, 440.0, kOut, 0.5), 0.5);
    ASSERT_GT(out.size(), 12000u);
    EXPECT_EQ(out.size() - speech.size(), 12000u) << "tempo " << tempo;
    EXPECT_TRUE(std::all_of(out.end() - 12000, out.end(), [](int16_t s) { return s == 0; }));
    EXPECT_EQ(pp.samples_out(), speech.size() + out.size());
  }
}

TEST(PostProcessor, FlushFadesAnOpenChunk) {
  PostProcessor pp(22050, 1.3);
  const auto in = test::sine(0.5, 440.0, 22050, 0.8);
  std::vector<int16_t> out = pp.process(in);
  append(out, pp.flush());
  EXPECT_NEAR(static_cast<double>(out.size()), 0.5 * kOut / 1.3, 0.5 * kOut / 1.3 * 0.03);
  EXPECT_LT(std::abs(out.back()), 500);
  EXPECT_EQ(pp.samples_out(), out.size());
}

TEST(PostProcessor, RejectsBadArguments) {
  EXPECT_THROW(PostProcessor(0, 1.0), std::invalid_argument);
  EXPECT_THROW(PostProcessor(24000, 0.1), std::invalid_argument);
  EXPECT_THROW(PostProcessor(24000, 5.0), std::invalid_argument);
  EXPECT_THROW(PostProcessor(24000, std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

}  // namespace
}  // namespace chorus
