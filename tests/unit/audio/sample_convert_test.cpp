#include "audio/sample_convert.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace chorus::audio {
namespace {

TEST(SampleConvert, BelowKneeIsUnchanged) {
  for (float x : {0.0f, 0.25f, -0.5f, 0.9f, -kLimiterKnee}) EXPECT_FLOAT_EQ(soft_limit(x), x);
  EXPECT_EQ(to_s16(0.5f), 16384);
  EXPECT_EQ(to_s16(-0.5f), -16384);
}

TEST(SampleConvert, AboveKneeIsBoundedMonotonicAndSymmetric) {
  float previous = soft_limit(kLimiterKnee);
  for (float x = kLimiterKnee + 0.01f; x < 10.0f; x += 0.01f) {
    const float y = soft_limit(x);
    EXPECT_GE(y, previous) << x;
    EXPECT_LE(y, 1.0f) << x;
    EXPECT_FLOAT_EQ(soft_limit(-x), -y) << x;
    previous = y;
  }
}

TEST(SampleConvert, ExtremesNeverWrap) {
  EXPECT_GT(to_s16(1.0f), 32000);
  EXPECT_GT(to_s16(1.5f), 32000);
  EXPECT_LT(to_s16(-1.5f), -32000);
  EXPECT_EQ(to_s16(std::numeric_limits<float>::infinity()), 32767);
  EXPECT_EQ(to_s16(-std::numeric_limits<float>::infinity()), -32767);
  EXPECT_EQ(to_s16(1e30f), 32767);
  EXPECT_EQ(to_s16(-1e30f), -32767);
}

TEST(SampleConvert, NanBecomesSilence) {
  EXPECT_EQ(to_s16(std::numeric_limits<float>::quiet_NaN()), 0);
  EXPECT_EQ(soft_limit(-std::numeric_limits<float>::quiet_NaN()), 0.0f);
}

TEST(SampleConvert, AppendKeepsExistingSamples) {
  std::vector<int16_t> out{7};
  const float in[] = {0.0f, 1.0f, -1.0f};
  append_s16(in, out);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], 7);
  EXPECT_EQ(out[1], 0);
  EXPECT_GT(out[2], 31000);
  EXPECT_LT(out[3], -31000);
}

TEST(SampleConvert, AppendMatchesPerSampleConversion) {
  // The bulk path rounds inline; it must agree with to_s16 everywhere, including exact halves
  // (k + 0.5) / 32767, both sides of the knee, NaN and infinities.
  std::vector<float> in;
  for (int k = -32767; k <= 32767; k += 7) in.push_back((static_cast<float>(k) + 0.5f) / 32767.0f);
  for (float x = -1.2f; x <= 1.2f; x += 0.0001f) in.push_back(x);
  for (float x : {kLimiterKnee, -kLimiterKnee, std::nextafter(kLimiterKnee, 1.0f),
                  std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                  -std::numeric_limits<float>::infinity()}) {
    in.push_back(x);
  }
  std::vector<int16_t> out;
  append_s16(in, out);
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) EXPECT_EQ(out[i], to_s16(in[i])) << in[i];
}

TEST(SampleConvert, ANanInsideAQuietBlockStillBecomesSilence) {
  // The bulk path checks whole blocks: one bad sample among quiet ones must take the slow path.
  std::vector<float> in(256, 0.25f);
  in[100] = std::numeric_limits<float>::quiet_NaN();
  in[200] = std::numeric_limits<float>::infinity();
  std::vector<int16_t> out;
  append_s16(in, out);
  ASSERT_EQ(out.size(), in.size());
  EXPECT_EQ(out[100], 0);
  EXPECT_EQ(out[200], 32767);
  EXPECT_EQ(out[99], to_s16(0.25f));
  EXPECT_EQ(out[101], to_s16(0.25f));
}

}  // namespace
}  // namespace chorus::audio
