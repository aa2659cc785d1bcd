// F0 analysis accuracy: synthetic tones of known pitch, and espeak-ng speech whose pitch is
// changed by an exact ratio (ffmpeg asetrate), so the truth is known without trusting any tracker.
#include <gtest/gtest.h>

#include <cmath>

#include "audio/pitch_tracker.h"
#include "audio/voice_analysis.h"
#include "voice_test_audio.h"

namespace chorus::audio {
namespace {

constexpr const char* kText =
    "The quick brown fox jumps over the lazy dog, and then it runs back home again.";

class ToneTest : public ::testing::TestWithParam<double> {};

TEST_P(ToneTest, SineWithinHalfPercent) {
  const double f0 = GetParam();
  EXPECT_NEAR(test::median_f0(test::sine_wave(2.0, f0, 24000), 24000), f0, f0 * 0.005);
}

TEST_P(ToneTest, HarmonicToneWithinHalfPercent) {
  const double f0 = GetParam();
  for (int rate : {16000, 22050, 24000, 48000}) {
    EXPECT_NEAR(test::median_f0(test::voiced_tone(2.0, f0, rate), rate), f0, f0 * 0.005) << rate;
  }
}

INSTANTIATE_TEST_SUITE_P(Speech, ToneTest, ::testing::Values(75.0, 98.0, 131.0, 180.0, 245.0, 330.0, 440.0));

TEST(PitchTracker, SilenceAndNoiseAreUnvoiced) {
  std::vector<float> silence(48000, 0.0f);
  EXPECT_EQ(test::median_f0(silence, 24000), 0.0);
  std::vector<float> noise(48000);
  unsigned state = 12345;
  for (auto& x : noise) {
    state = state * 1103515245u + 12345u;
    x = static_cast<float>((state >> 16) & 0x7FFF) / 32768.0f * 0.6f - 0.3f;
  }
  const PitchStats stats = pitch_stats(track_pitch(noise, 24000));
  EXPECT_LT(stats.voiced_seconds, 0.2);
}

TEST(PitchTracker, RangeOfAGlideCoversItsEnds) {
  // A glide from 100 to 200 Hz: the 10th/90th percentiles sit near the ends.
  const int rate = 24000;
  std::vector<float> glide(3 * rate);
  double phase = 0.0;
  for (std::size_t i = 0; i < glide.size(); ++i) {
    const double f = 100.0 + 100.0 * static_cast<double>(i) / glide.size();
    phase += 2.0 * 3.14159265358979 * f / rate;
    glide[i] = static_cast<float>(0.3 * std::sin(phase));
  }
  const PitchStats stats = pitch_stats(track_pitch(glide, rate));
  EXPECT_NEAR(stats.median_hz, 150.0, 3.0);
  EXPECT_NEAR(stats.low_hz, 110.0, 4.0);
  EXPECT_NEAR(stats.high_hz, 190.0, 4.0);
}

TEST(PitchTracker, EspeakPitchFollowsAnExactRatio) {
  // espeak-ng's -p sets its base pitch; asetrate then raises every frequency by exactly 5/4.
  const int rate = 24000;
  const auto speech = test::espeak_speech(kText, "en-us", 50, rate);
  const std::string shifted_wav = test::ffmpeg_convert(
      test::wav_bytes(speech, rate), "wav", {"-af", "asetrate=30000,aresample=24000"});
  const auto shifted = test::ffmpeg_decode(shifted_wav, rate);
  const double f0 = test::median_f0(speech, rate);
  const double f0_shifted = test::median_f0(shifted, rate);
  ASSERT_GT(f0, 70.0);
  ASSERT_LT(f0, 200.0);  // espeak's en-us voice is a low male voice
  EXPECT_NEAR(f0_shifted / f0, 1.25, 0.025);
}

TEST(PitchTracker, EspeakPitchParameterOrdersVoices) {
  const int rate = 24000;
  const double low = test::median_f0(test::espeak_speech(kText, "en-us", 20, rate), rate);
  const double mid = test::median_f0(test::espeak_speech(kText, "en-us", 50, rate), rate);
  const double high = test::median_f0(test::espeak_speech(kText, "en-us+f3", 80, rate), rate);
  EXPECT_LT(low, mid);
  EXPECT_LT(mid * 1.3, high);
  EXPECT_GT(high, 165.0);  // a female variant at high pitch
}

TEST(VoiceAnalysis, SpeakingRateOfSyllableTone) {
  // voiced_tone has 4 level peaks per second.
  const auto tone = test::voiced_tone(5.0, 140.0, 24000);
  EXPECT_NEAR(estimate_speaking_rate(tone, 24000), 4.0, 0.6);
  const auto analysis = analyze_voice(tone, 24000);
  EXPECT_NEAR(analysis.f0_median_hz, 140.0, 1.0);
  EXPECT_EQ(analysis.ltas_db.size(), 40u);
  EXPECT_GT(analysis.speech_seconds, 4.5);
}

}  // namespace
}  // namespace chorus::audio
