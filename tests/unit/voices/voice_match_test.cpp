// Built-in voice matching on real espeak-ng speech: the matched output's median F0 lands within
// 5% of the reference's and its long-term spectrum distance is at most half the unmatched one.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <ostream>
#include <string>

#include "audio/pitch_tracker.h"
#include "audio/voice_analysis.h"
#include "audio/voice_eq.h"
#include "audio/voice_match.h"
#include "audio/voice_match_design.h"
#include "audio/voice_spectrum.h"
#include "voice_test_audio.h"

namespace chorus::audio {
namespace {

// The calibration passage the server uses (builtin_voice_match.cpp), and a held-out sentence.
constexpr const char* kCalibration =
    "The quick brown fox jumps over the lazy dog. She sells sea shells by the sea shore, "
    "while a rainbow appears after the summer rain. Please call Stella and ask her to bring "
    "these things with her from the store: six spoons of fresh snow peas and a big toy frog.";
constexpr const char* kOther =
    "Every morning I walk to the station, buy a newspaper, and read it on the train to work. "
    "When it rains, I take the bus instead and listen to music on the way.";

TEST(VoiceEq, FlatGainsPassSignalThrough) {
  const auto tone = test::voiced_tone(0.5, 150.0, 24000);
  VoiceEq eq(std::vector<float>(40, 0.0f), 0.0, 24000);
  std::vector<float> out;
  eq.process(tone, out);
  eq.flush(out);
  ASSERT_EQ(out.size(), tone.size());
  double err = 0.0;
  for (std::size_t i = 0; i < tone.size(); ++i) err = std::max(err, std::abs(double(out[i]) - tone[i]));
  EXPECT_LT(err, 0.01);
}

TEST(VoiceMatcher, ShiftsPitchByTheProfileRatio) {
  const int rate = 22050;
  const auto tone = test::voiced_tone(2.0, 120.0, rate);
  VoiceMatchProfile profile;
  profile.pitch_scale = 1.5;
  const auto out = VoiceMatcher(profile, rate).run(tone);
  EXPECT_NEAR(static_cast<double>(out.size()), static_cast<double>(tone.size()), rate * 0.05);
  EXPECT_NEAR(test::median_f0(out, rate), 180.0, 180.0 * 0.02);
}

TEST(VoiceMatcher, StreamsChunkByChunkWithTempo) {
  const int rate = 24000;
  const auto tone = test::voiced_tone(1.0, 200.0, rate);
  VoiceMatchProfile profile;
  profile.time_ratio = 1.1;
  VoiceMatcher matcher(profile, rate);
  std::vector<float> out;
  for (int chunk = 0; chunk < 2; ++chunk) {
    for (std::size_t i = 0; i < tone.size(); i += 777) {
      matcher.process(std::span<const float>(tone).subspan(i, std::min<std::size_t>(777, tone.size() - i)), out);
    }
    matcher.end_chunk(out);
  }
  EXPECT_NEAR(static_cast<double>(out.size()) / (2.0 * tone.size()), 1.1, 0.03);
  EXPECT_NEAR(test::median_f0(out, rate), 200.0, 4.0);
}

// A "speaker" unlike any built-in voice: an espeak variant at another pitch, recoloured by an
// ffmpeg EQ; and the built-in voice of the same gender the router would pick for it.
struct MatchCase {
  const char* reference_voice;
  int reference_pitch;
  const char* colour;  // ffmpeg filter chain
  const char* builtin_voice;
};

void PrintTo(const MatchCase& c, std::ostream* out) {
  *out << c.reference_voice << " (pitch " << c.reference_pitch << ", " << c.colour << ") as "
       << c.builtin_voice;
}

class DesignTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(DesignTest, MatchesF0AndHalvesSpectrumDistance) {
  const MatchCase c = GetParam();
  const int rate = 22050;
  // The reference: another espeak voice at a known pitch setting, analysed like an upload.
  const auto reference_audio = test::ffmpeg_filter(
      test::espeak_speech(std::string(kCalibration) + " " + kOther, c.reference_voice,
                          c.reference_pitch, 24000),
      24000, c.colour);
  const VoiceAnalysis reference = analyze_voice(reference_audio, 24000);
  const auto calibration = test::espeak_speech(kCalibration, c.builtin_voice, 50, rate);
  const VoiceMatchDesign design = design_voice_match(reference, calibration, rate, c.builtin_voice);

  // Judged on a sentence the design never saw.
  const auto plain = test::espeak_speech(kOther, c.builtin_voice, 50, rate);
  const auto matched = VoiceMatcher(design.profile, rate).run(plain);
  const VoiceAnalysis before = analyze_voice(plain, rate);
  const VoiceAnalysis after = analyze_voice(matched, rate);
  const double f0_error = std::abs(after.f0_median_hz / reference.f0_median_hz - 1.0);
  const double d_before = spectrum_distance(reference.ltas_db, before.ltas_db);
  const double d_after = spectrum_distance(reference.ltas_db, after.ltas_db);
  std::printf("reference %.1f Hz, plain %.1f Hz, matched %.1f Hz (error %.1f%%); LTAS distance "
              "%.2f -> %.2f dB (ratio %.2f); pitch x%.3f formant x%.2f time x%.2f\n",
              reference.f0_median_hz, before.f0_median_hz, after.f0_median_hz, f0_error * 100,
              d_before, d_after, d_after / d_before, design.profile.pitch_scale,
              design.profile.formant_scale, design.profile.time_ratio);
  EXPECT_LT(f0_error, 0.05);
  EXPECT_LE(d_after, 0.5 * d_before);
}

INSTANTIATE_TEST_SUITE_P(Espeak, DesignTest,
                         ::testing::Values(MatchCase{"en-us+f4", 70, "treble=g=9", "en-us+f2"},
                                           MatchCase{"en-gb+m3", 25, "bass=g=8,treble=g=-10", "en-us"},
                                           MatchCase{"en-us+croak", 40,
                                                     "equalizer=f=1500:t=o:w=1:g=12,treble=g=-6", "en-us+m3"}),
                         [](const ::testing::TestParamInfo<MatchCase>& info) {
                           // "en_us_f4_as_en_us_f2": which speaker is imitated by which voice.
                           std::string name = std::string(info.param.reference_voice) + "_as_" +
                                              info.param.builtin_voice;
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace chorus::audio
