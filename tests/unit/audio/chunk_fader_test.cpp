#include "audio/chunk_fader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace chorus::audio {
namespace {

TEST(ChunkFader, RaisedCosineRampsFromNearZeroToOne) {
  EXPECT_LT(raised_cosine(0, 96), 0.001f);
  EXPECT_NEAR(raised_cosine(48, 96), 0.5f, 0.02f);
  EXPECT_GT(raised_cosine(95, 96), 0.999f);
  EXPECT_EQ(raised_cosine(96, 96), 1.0f);
  for (std::size_t i = 1; i < 96; ++i) EXPECT_GT(raised_cosine(i, 96), raised_cosine(i - 1, 96));
}

TEST(ChunkFader, HoldsBackTailUntilChunkEnds) {
  ChunkFader fader(10);
  std::vector<float> out;
  const std::vector<float> ones(25, 1.0f);
  fader.process(std::span(ones).first(5), out);
  EXPECT_TRUE(out.empty());
  fader.process(std::span(ones).subspan(5), out);
  ASSERT_EQ(out.size(), 15u);
  EXPECT_LT(out[0], 0.05f);
  EXPECT_FLOAT_EQ(out[14], 1.0f);
  fader.end_chunk(out);
  ASSERT_EQ(out.size(), 25u);
  EXPECT_LT(out[24], 0.05f);
  // Fade-out mirrors fade-in.
  for (std::size_t i = 0; i < 10; ++i) EXPECT_FLOAT_EQ(out[i], out[24 - i]);
}

TEST(ChunkFader, NextChunkFadesInAgain) {
  ChunkFader fader(8);
  std::vector<float> out;
  const std::vector<float> ones(20, 1.0f);
  fader.process(ones, out);
  fader.end_chunk(out);
  fader.process(ones, out);
  fader.end_chunk(out);
  ASSERT_EQ(out.size(), 40u);
  EXPECT_LT(out[19], 0.05f);
  EXPECT_LT(out[20], 0.05f);
}

TEST(ChunkFader, ChunkShorterThanFadeStaysQuiet) {
  ChunkFader fader(100);
  std::vector<float> out;
  const std::vector<float> ones(10, 1.0f);
  fader.process(ones, out);
  fader.end_chunk(out);
  ASSERT_EQ(out.size(), 10u);
  for (float x : out) EXPECT_LT(x, 0.05f);
}

TEST(ChunkFader, PieceSizesDoNotChangeTheResult) {
  std::vector<float> ramp(300);
  for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = 0.5f + 0.001f * static_cast<float>(i);
  ChunkFader whole(48), pieces(48);
  std::vector<float> at_once, piecewise;
  whole.process(ramp, at_once);
  whole.end_chunk(at_once);
  for (std::size_t at = 0, size = 1; at < ramp.size(); at += size, size += 7) {
    pieces.process(std::span(ramp).subspan(at, std::min(size, ramp.size() - at)), piecewise);
  }
  pieces.end_chunk(piecewise);
  ASSERT_EQ(piecewise.size(), at_once.size());
  for (std::size_t i = 0; i < at_once.size(); ++i) EXPECT_FLOAT_EQ(piecewise[i], at_once[i]) << i;
  EXPECT_FLOAT_EQ(at_once[150], ramp[150]);  // the middle passes through unchanged
}

}  // namespace
}  // namespace chorus::audio
