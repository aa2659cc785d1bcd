#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "engines/kokoro/kokoro_output_guard.h"

using namespace chorus::kokoro;

namespace {

// 0.5 s of a 200 Hz tone at 0.4, then 50 ms dying to 1e-9 (the real model's tail).
std::vector<float> speech_then_silence() {
  std::vector<float> pcm;
  for (int i = 0; i < 12000; ++i) pcm.push_back(0.4f * std::sin(2 * 3.14159265f * 200 * i / 24000.0f));
  for (int i = 0; i < 1200; ++i) pcm.push_back(1e-9f);
  return pcm;
}

}  // namespace

TEST(KokoroOutputGuard, CleanOutputIsLeftAlone) {
  auto pcm = speech_then_silence();
  const auto before = pcm;
  const auto repair = remove_corrupt_samples(pcm);
  EXPECT_EQ(repair.removed, 0u);
  EXPECT_EQ(repair.zeroed, 0u);
  EXPECT_EQ(pcm, before);
}

// The shape seen on kokoro-v1.0.int8.onnx: silence, then a ramp 73 -> 9e6 -> 1e3 to the end.
TEST(KokoroOutputGuard, ABurstAtTheEndIsCutFromTheSilenceBeforeIt) {
  auto pcm = speech_then_silence();
  const std::size_t speech_and_silence = pcm.size();
  pcm.push_back(0.004f);
  pcm.push_back(0.3f);
  pcm.push_back(73.5f);
  for (int i = 0; i < 300; ++i) pcm.push_back(i % 2 ? 9.3e6f : -1.2e13f);
  pcm.push_back(942.0f);
  const auto repair = remove_corrupt_samples(pcm);
  EXPECT_EQ(pcm.size(), speech_and_silence);
  EXPECT_EQ(repair.removed, 304u);
  EXPECT_EQ(repair.zeroed, 0u);
  for (float x : pcm) EXPECT_LE(std::fabs(x), 1.0f);
}

TEST(KokoroOutputGuard, NonFiniteValuesCountAsCorrupt) {
  auto pcm = speech_then_silence();
  const std::size_t n = pcm.size();
  pcm.push_back(std::numeric_limits<float>::quiet_NaN());
  pcm.push_back(std::numeric_limits<float>::infinity());
  remove_corrupt_samples(pcm);
  EXPECT_EQ(pcm.size(), n);
}

TEST(KokoroOutputGuard, ABurstInsideTheSignalIsSilencedNotCut) {
  auto pcm = speech_then_silence();
  const std::size_t at = 6000;
  for (std::size_t i = at; i < at + 50; ++i) pcm[i] = 5e5f;
  const std::size_t n = pcm.size();
  const auto repair = remove_corrupt_samples(pcm);
  EXPECT_EQ(pcm.size(), n);
  EXPECT_EQ(repair.removed, 0u);
  EXPECT_EQ(repair.zeroed, 50u + 2 * 48u);
  for (float x : pcm) EXPECT_LE(std::fabs(x), 1.0f);
  EXPECT_GT(std::fabs(pcm[100]), 0.0f);  // the speech before and after is kept
  EXPECT_GT(std::fabs(pcm[11000]), 0.0f);
}

// Both at once, as the real graph gives it: a spike at sample 8, NaNs over the last 280 ms.
TEST(KokoroOutputGuard, HeadSpikeIsSilencedAndNaNTailCut) {
  auto pcm = speech_then_silence();
  const std::size_t n = pcm.size();
  pcm[8] = 5.23f;
  pcm[9] = 60.9f;
  for (int i = 0; i < 6800; ++i) pcm.push_back(std::numeric_limits<float>::quiet_NaN());
  const auto repair = remove_corrupt_samples(pcm);
  EXPECT_EQ(pcm.size(), n);
  EXPECT_EQ(repair.removed, 6800u);
  EXPECT_EQ(repair.zeroed, 10u + 48u);
  for (float x : pcm) EXPECT_LE(std::fabs(x), 1.0f);
  EXPECT_GT(std::fabs(pcm[200]), 0.0f);
}
