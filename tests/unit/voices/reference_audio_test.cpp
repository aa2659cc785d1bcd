// Reference processing: every upload format decodes; every bad upload is refused with its code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "audio/voice_activity.h"
#include "core/api_error.h"
#include "voice_test_audio.h"
#include "voices/audio_decoder.h"
#include "voices/reference_audio.h"
#include "voices/reference_checks.h"

namespace chorus::voices {
namespace {

constexpr const char* kText =
    "Hello there. This is a recording of my voice, made so that the computer can learn how I "
    "sound when I speak in a calm and clear way.";

const std::string& speech_wav() {
  static const std::string wav = test::wav_bytes(test::espeak_speech(kText, "en-us", 50, 22050), 22050);
  return wav;
}

// Runs processing and returns the ApiError's status and code ("" when accepted).
std::pair<int, std::string> outcome(const std::string& bytes, ReferenceLimits limits = {}) {
  try {
    process_reference_audio(bytes, limits);
    return {200, ""};
  } catch (const ApiError& e) {
    EXPECT_EQ(e.param(), "audio_sample");
    EXPECT_FALSE(std::string(e.what()).empty());
    return {e.status(), e.code()};
  }
}

class FormatTest : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(FormatTest, DecodesTrimsAndNormalizes) {
  const auto& spec = GetParam();
  std::vector<std::string> args(spec.begin() + 1, spec.end());
  const std::string bytes = spec[0] == "wav" ? speech_wav() : test::ffmpeg_convert(speech_wav(), spec[0], args);
  const ProcessedReference ref = process_reference_audio(bytes, {});
  EXPECT_EQ(ref.sample_rate, 24000);
  EXPECT_GT(ref.audio.size(), 24000u * 5);
  // Speech level: -20 dBFS RMS over active frames (within a dB), peaks below 0 dBFS.
  const auto activity = audio::measure_activity(ref.audio, 24000);
  EXPECT_NEAR(activity.reference_db, -17.0, 5.0);
  float peak = 0.0f;
  for (float x : ref.audio) peak = std::max(peak, std::abs(x));
  EXPECT_LE(peak, 0.9f);
  EXPECT_GT(ref.analysis.f0_median_hz, 70.0);
  EXPECT_LT(ref.analysis.f0_median_hz, 200.0);
  EXPECT_GT(ref.analysis.speech_seconds, 3.0);
  EXPECT_EQ(ref.analysis.ltas_db.size(), 40u);
}

INSTANTIATE_TEST_SUITE_P(
    Uploads, FormatTest,
    ::testing::Values(std::vector<std::string>{"wav"},
                      std::vector<std::string>{"mp3", "-b:a", "64k"},
                      std::vector<std::string>{"ogg", "-c:a", "libopus"},
                      std::vector<std::string>{"webm", "-c:a", "libopus"},
                      std::vector<std::string>{"m4a", "-c:a", "aac"},
                      std::vector<std::string>{"flac"},
                      std::vector<std::string>{"wav", "-ac", "2", "-ar", "48000", "-c:a", "pcm_f32le"}),
    [](const auto& info) {
      std::string name = info.param[0] + std::to_string(info.index);
      return name;
    });

TEST(ReferenceAudio, TrimsLeadingAndTrailingSilence) {
  auto speech = test::espeak_speech(kText, "en-us", 50, 24000);
  const auto [b, e] = speech_bounds(speech, 24000);
  const std::size_t core = e - b;
  std::vector<float> padded(3 * 24000, 0.0f);
  padded.insert(padded.end(), speech.begin() + static_cast<long>(b), speech.begin() + static_cast<long>(e));
  padded.resize(padded.size() + 4 * 24000, 0.0f);
  const ProcessedReference ref = process_reference_audio(test::wav_bytes(padded, 24000), {});
  EXPECT_LT(ref.audio.size(), core + 24000 * 0.4);
  EXPECT_GE(ref.audio.size(), core);
}

TEST(ReferenceAudio, LongRecordingKeepsItsBest30Seconds) {
  // 40 s of near silence (hum), then 45 s of voiced tone: the kept window is the tone.
  const int rate = 16000;
  std::vector<float> audio = test::sine_wave(40.0, 50.0, rate, 0.0005);
  auto tone = test::voiced_tone(45.0, 140.0, rate);
  audio.insert(audio.end(), tone.begin(), tone.end());
  const ProcessedReference ref = process_reference_audio(test::wav_bytes(audio, rate), {});
  EXPECT_NEAR(static_cast<double>(ref.audio.size()) / 24000, 30.0, 0.05);
  EXPECT_GT(ref.analysis.speech_seconds, 29.0);
  EXPECT_NEAR(ref.analysis.f0_median_hz, 140.0, 2.0);
}

TEST(ReferenceAudio, RejectsWhatIsNotAudio) {
  EXPECT_EQ(outcome("this is a text file, not a recording\n"), std::make_pair(400, std::string("invalid_audio")));
  EXPECT_EQ(outcome(""), std::make_pair(400, std::string("invalid_audio")));
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string(2000, '\x11');
  EXPECT_EQ(outcome(png).first, 400);
  // A playlist pointing at a file on the server is refused, never followed.
  EXPECT_EQ(outcome("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n").first, 400);
}

TEST(ReferenceAudio, RejectsCorruptFiles) {
  // A real FLAC header and a few frames' worth of garbage: recognized, not decodable.
  const std::string flac = test::ffmpeg_convert(speech_wav(), "flac");
  std::string broken = flac.substr(0, 8192);
  for (std::size_t i = 200; i < broken.size(); ++i) broken[i] = static_cast<char>(i * 131);
  auto [status, code] = outcome(broken);
  EXPECT_EQ(status, 400);
  EXPECT_TRUE(code == "corrupt_audio" || code == "invalid_audio") << code;
  // Only the header of an Ogg/Opus file.
  const std::string ogg = test::ffmpeg_convert(speech_wav(), "ogg", {"-c:a", "libopus"});
  EXPECT_EQ(outcome(ogg.substr(0, 120)).first, 400);
}

TEST(ReferenceAudio, RejectsTooShortSpeech) {
  auto speech = test::espeak_speech("Hi there.", "en-us", 50, 24000);
  speech.resize(speech.size() + 24000 * 3, 0.0f);  // long file, short speech
  EXPECT_EQ(outcome(test::wav_bytes(speech, 24000)), std::make_pair(400, std::string("audio_too_short")));
}

TEST(ReferenceAudio, RejectsSilence) {
  std::vector<float> silence(24000 * 6, 0.0f);
  EXPECT_EQ(outcome(test::wav_bytes(silence, 24000)), std::make_pair(400, std::string("audio_silent")));
  // Very faint noise is silence too.
  auto faint = test::sine_wave(6.0, 300.0, 24000, 0.0004);
  EXPECT_EQ(outcome(test::wav_bytes(faint, 24000)), std::make_pair(400, std::string("audio_silent")));
}

TEST(ReferenceAudio, RejectsAPureTone) {
  auto tone = test::sine_wave(6.0, 440.0, 24000, 0.3);
  EXPECT_EQ(outcome(test::wav_bytes(tone, 24000)),
            std::make_pair(400, std::string("audio_not_speech")));
}

TEST(ReferenceAudio, DecoderErrorsNameTheRoutesField) {
  ReferenceLimits limits;
  limits.field = "reference_audio";
  try {
    process_reference_audio("definitely not audio", limits);
    FAIL() << "accepted";
  } catch (const ApiError& error) {
    EXPECT_EQ(error.param(), "reference_audio");
  }
}

TEST(ReferenceAudio, RejectsClippedThroughout) {
  auto speech = test::espeak_speech(kText, "en-us", 50, 24000);
  for (auto& x : speech) x = std::clamp(x * 40.0f, -1.0f, 1.0f);
  EXPECT_EQ(outcome(test::wav_bytes(speech, 24000)), std::make_pair(400, std::string("audio_clipped")));
  // The same speech at a sane level passes.
  EXPECT_EQ(outcome(speech_wav()).first, 200);
}

TEST(ReferenceAudio, RejectsTooLarge) {
  ReferenceLimits limits;
  limits.max_bytes = 1000;
  EXPECT_EQ(outcome(speech_wav(), limits), std::make_pair(413, std::string("audio_too_large")));
}

TEST(ReferenceAudio, RejectsOverFiveMinutes) {
  const int rate = 8000;
  auto tone = test::voiced_tone(302.0, 140.0, rate, 0.2);
  EXPECT_EQ(outcome(test::wav_bytes(tone, rate)), std::make_pair(400, std::string("audio_too_long")));
}

// Bounded decoding (what the fuzz target uses): small probes still find the stream of every
// upload format, and decoding keeps exactly max_seconds.
TEST(ReferenceAudio, DecodeBoundsLimitTheWork) {
  DecodeBounds bounds;
  bounds.max_seconds = 0.5;
  bounds.probe_bytes = 4096;
  bounds.analyze_microseconds = 100'000;
  for (const std::string extension : {"wav", "mp3", "ogg", "flac", "m4a"}) {
    const std::string file = extension == "wav" ? speech_wav() : test::ffmpeg_convert(speech_wav(), extension);
    const DecodedAudio decoded = decode_audio(file, bounds);
    EXPECT_TRUE(decoded.truncated) << extension;
    ASSERT_GT(decoded.sample_rate, 0) << extension;
    EXPECT_EQ(decoded.samples.size(), max_samples(0.5, decoded.sample_rate)) << extension;
  }
  // Unbounded, the whole recording decodes.
  const DecodedAudio whole = decode_audio(speech_wav(), 600.0);
  EXPECT_FALSE(whole.truncated);
  EXPECT_GT(static_cast<double>(whole.samples.size()) / whole.sample_rate, 3.0);
}

// One packet can hold far more than the bound: at 1 kHz, 8,000 samples are 8 s. The bound still
// holds exactly, so nothing downstream (resampling to 24 kHz for the watermark detector) sees
// more than max_seconds.
TEST(ReferenceAudio, DecodeBoundHoldsWithinOnePacket) {
  const std::vector<float> samples(8000, 0.25f);
  const DecodedAudio decoded = decode_audio(test::wav_bytes(samples, 1000), 0.5);
  EXPECT_EQ(decoded.sample_rate, 1000);
  EXPECT_TRUE(decoded.truncated);
  EXPECT_EQ(decoded.samples.size(), 500u);
}

// Found by the watermark_detect fuzz target (tests/fuzz/regressions/watermark_detect/): a WAV
// header claiming 541 MHz made libswresample fail to allocate its filter (a 500 from the
// watermark check). Rates outside real recordings' are refused as not audio.
TEST(ReferenceAudio, AbsurdSampleRatesAreNotAudio) {
  const std::vector<float> samples(4000, 0.25f);
  for (int rate : {1, 999, 384001, 541144141}) {
    try {
      decode_audio(test::wav_bytes(samples, rate), 300.0);
      ADD_FAILURE() << rate << " Hz was accepted";
    } catch (const ApiError& error) {
      EXPECT_EQ(error.status(), 400) << rate;
      EXPECT_EQ(error.code(), "invalid_audio") << rate;
      EXPECT_NE(std::string(error.what()).find(std::to_string(rate) + " Hz"), std::string::npos) << error.what();
    }
  }
  EXPECT_EQ(decode_audio(test::wav_bytes(samples, 384000), 300.0).sample_rate, 384000);
  EXPECT_EQ(decode_audio(test::wav_bytes(samples, 8000), 300.0).sample_rate, 8000);
}

// Found by the audio_decode fuzz target (tests/fuzz/regressions/audio_decode/): float PCM
// passes NaN and infinity through; such a file is corrupt, not a recording.
TEST(ReferenceAudio, NonFiniteFloatSamplesAreCorrupt) {
  std::string wav = test::ffmpeg_convert(speech_wav(), "wav", {"-c:a", "pcm_f32le"});
  const std::size_t data = wav.find("data");
  ASSERT_NE(data, std::string::npos);
  ASSERT_GT(wav.size(), data + 8 + 4004);
  const float nan = std::nanf("");
  std::memcpy(&wav[data + 8 + 4000], &nan, sizeof nan);
  try {
    decode_audio(wav, 600.0);
    FAIL() << "a file with a NaN sample was decoded";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "corrupt_audio");
  }
}

// Found by the audio_decode fuzz target (tests/fuzz/regressions/audio_decode/): an mp3 whose
// frames go from stereo to mono crashed libswresample, which was still set up for two planes.
// Each part is now converted as it is.
TEST(ReferenceAudio, ChannelCountChangingMidStreamIsDecoded) {
  const std::vector<std::string> no_headers = {"-write_xing", "0", "-id3v2_version", "0"};
  auto stereo_args = no_headers;
  stereo_args.insert(stereo_args.end(), {"-ac", "2"});
  const std::string stereo = test::ffmpeg_convert(speech_wav(), "mp3", stereo_args);
  const std::string mono = test::ffmpeg_convert(speech_wav(), "mp3", no_headers);
  const DecodedAudio one = decode_audio(mono, 600.0);
  const DecodedAudio both = decode_audio(stereo + mono, 600.0);
  ASSERT_EQ(both.sample_rate, one.sample_rate);
  // Both parts decoded: about twice the length of one (mp3 padding aside).
  const double one_s = static_cast<double>(one.samples.size()) / one.sample_rate;
  const double both_s = static_cast<double>(both.samples.size()) / both.sample_rate;
  EXPECT_NEAR(both_s, 2 * one_s, 0.1);
  EXPECT_TRUE(std::all_of(both.samples.begin(), both.samples.end(),
                          [](float x) { return std::isfinite(x) && std::abs(x) <= 1.5f; }));
}

}  // namespace
}  // namespace chorus::voices
