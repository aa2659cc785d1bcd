// Encodes a known sine with each compressed format, then checks the bytes with ffprobe/ffmpeg.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "codec/encoder.h"
#include "media_tools.h"

namespace chorus {
namespace {

constexpr int kRate = 24000;
constexpr double kAmplitude = 0.5;

struct FormatCase {
  AudioFormat format;
  const char* codec_name;
  // ffprobe reports the decoder's rate; Ogg Opus always decodes at 48 kHz (RFC 7845), so the
  // 24 kHz input rate is checked in the OpusHead packet instead.
  int probed_rate;
  // Containers without gapless metadata (raw mp3, ADTS) decode the encoder's priming and final
  // padding too.
  int extra_samples;
};

std::string PrintCase(const testing::TestParamInfo<FormatCase>& info) {
  return info.param.codec_name;
}

struct Encoded {
  std::string bytes;
  std::size_t pieces = 0;
  std::size_t bytes_before_finish = 0;
};

// Writes in deliberately uneven blocks so frame assembly across write() calls is exercised.
Encoded encode(AudioFormat format, const std::vector<int16_t>& samples) {
  Encoded result;
  auto encoder = make_encoder(format, kRate, [&](std::string_view piece) {
    result.bytes.append(piece);
    ++result.pieces;
  });
  constexpr std::array<std::size_t, 6> kBlocks{1, 333, 1000, 4097, 77, 2500};
  std::size_t pos = 0;
  for (std::size_t i = 0; pos < samples.size(); ++i) {
    const std::size_t n = std::min(kBlocks[i % kBlocks.size()], samples.size() - pos);
    encoder->write(std::span(samples).subspan(pos, n));
    pos += n;
  }
  result.bytes_before_finish = result.bytes.size();
  encoder->finish();
  return result;
}

// Piped FLAC cannot state its length (STREAMINFO is never revisited), so there may be none.
std::optional<double> probed_duration(const nlohmann::json& info) {
  for (const auto* section : {&info["streams"][0], &info["format"]}) {
    if (section->contains("duration")) return std::stod((*section)["duration"].get<std::string>());
  }
  return std::nullopt;
}

class FfmpegEncoderTest : public testing::TestWithParam<FormatCase> {};

TEST_P(FfmpegEncoderTest, SineDecodesWithFfmpeg) {
  const FormatCase& c = GetParam();
  const auto input = test::sine_s16(1.0, 440.0, kRate, kAmplitude);
  const Encoded encoded = encode(c.format, input);
  EXPECT_GT(encoded.pieces, 1u) << "output should be streamed, not produced in one blob";
  EXPECT_GT(encoded.bytes_before_finish, 0u) << "nothing reached the sink before finish()";

  test::TempFile file(file_extension(c.format));
  file.write(encoded.bytes);

  const nlohmann::json info = test::probe(file.path());
  ASSERT_EQ(info["streams"].size(), 1u);
  const auto& stream = info["streams"][0];
  EXPECT_EQ(stream["codec_name"], c.codec_name);
  EXPECT_EQ(stream["sample_rate"], std::to_string(c.probed_rate));
  EXPECT_EQ(stream["channels"], 1);
  const auto duration = probed_duration(info);
  if (c.format != AudioFormat::kFlac) {
    ASSERT_TRUE(duration.has_value());
  }
  if (duration) {
    EXPECT_NEAR(*duration, 1.0, 0.12);
  }

  std::string errors;
  const auto decoded = test::decode(file.path(), &errors);
  EXPECT_EQ(errors, "") << "ffmpeg complained while decoding";
  EXPECT_GE(decoded.size(), input.size() - 24);
  EXPECT_LE(decoded.size(), input.size() + static_cast<std::size_t>(c.extra_samples));
  EXPECT_NEAR(test::dominant_frequency(decoded, kRate), 440.0, 440.0 * 0.01);
  const double expected_rms = kAmplitude * 32767.0 / std::sqrt(2.0);
  EXPECT_NEAR(test::rms(decoded), expected_rms, expected_rms * 0.15);
}

TEST_P(FfmpegEncoderTest, EmptyStreamFinishesCleanly) {
  const FormatCase& c = GetParam();
  const Encoded encoded = encode(c.format, {});
  // Raw mp3 and ADTS have no stream header, so no audio means no bytes; the others still carry
  // their container header.
  if (c.format == AudioFormat::kMp3 || c.format == AudioFormat::kAac) {
    EXPECT_TRUE(encoded.bytes.empty());
  } else {
    EXPECT_FALSE(encoded.bytes.empty());
  }
}

TEST_P(FfmpegEncoderTest, SinkExceptionPropagatesUnchanged) {
  struct ClientGone : std::exception {};
  const auto input = test::sine_s16(2.0, 440.0, kRate, kAmplitude);
  // Whichever call first reaches the sink (a container header may already go out while the
  // encoder is being set up) must surface the sink's own exception.
  EXPECT_THROW(
      {
        auto encoder =
            make_encoder(GetParam().format, kRate, [](std::string_view) { throw ClientGone(); });
        encoder->write(input);
        encoder->finish();
      },
      ClientGone);
}

TEST_P(FfmpegEncoderTest, WriteAfterFinishIsRejected) {
  auto encoder = make_encoder(GetParam().format, kRate, [](std::string_view) {});
  encoder->finish();
  EXPECT_NO_THROW(encoder->finish());
  const std::vector<int16_t> more(100, 0);
  EXPECT_THROW(encoder->write(more), std::logic_error);
}

TEST_P(FfmpegEncoderTest, DestroyWithoutFinishIsSafe) {
  auto encoder = make_encoder(GetParam().format, kRate, [](std::string_view) {});
  encoder->write(test::sine_s16(0.1, 440.0, kRate, kAmplitude));
  encoder.reset();
}

INSTANTIATE_TEST_SUITE_P(Formats, FfmpegEncoderTest,
                         testing::Values(FormatCase{AudioFormat::kMp3, "mp3", kRate,
                                                    2 * 1152 + 576},
                                         FormatCase{AudioFormat::kOpus, "opus", 48000, 960},
                                         FormatCase{AudioFormat::kAac, "aac", kRate, 2 * 1024},
                                         FormatCase{AudioFormat::kFlac, "flac", kRate, 0}),
                         PrintCase);

TEST(FfmpegEncoder, FlacIsLossless) {
  const auto input = test::sine_s16(1.0, 440.0, kRate, kAmplitude);
  test::TempFile file("flac");
  file.write(encode(AudioFormat::kFlac, input).bytes);
  EXPECT_EQ(test::decode(file.path()), input);
}

TEST(FfmpegEncoder, OpusHeadRecordsInputRateAndMono) {
  const Encoded encoded = encode(AudioFormat::kOpus, test::sine_s16(0.5, 440.0, kRate, kAmplitude));
  const std::size_t head = encoded.bytes.find("OpusHead");
  ASSERT_NE(head, std::string::npos);
  EXPECT_EQ(encoded.bytes.find("OpusHead", head + 1), std::string::npos) << "one header only";
  const auto byte = [&](std::size_t i) { return static_cast<uint8_t>(encoded.bytes[head + i]); };
  EXPECT_EQ(byte(9), 1) << "channel count";
  const uint32_t input_rate =
      byte(12) | byte(13) << 8 | byte(14) << 16 | static_cast<uint32_t>(byte(15)) << 24;
  EXPECT_EQ(input_rate, 24000u);
}

TEST(FfmpegEncoder, ContainerHeadersAppearOnce) {
  const auto input = test::sine_s16(1.0, 440.0, kRate, kAmplitude);
  const std::string flac = encode(AudioFormat::kFlac, input).bytes;
  EXPECT_EQ(flac.rfind("fLaC", 0), 0u);
  EXPECT_EQ(flac.find("fLaC", 1), std::string::npos);
  const std::string mp3 = encode(AudioFormat::kMp3, input).bytes;
  ASSERT_GE(mp3.size(), 2u);
  // A bare MPEG audio frame stream: the first bytes are a frame sync, not an ID3 tag.
  EXPECT_EQ(static_cast<uint8_t>(mp3[0]), 0xFF);
  EXPECT_EQ(static_cast<uint8_t>(mp3[1]) & 0xE0, 0xE0);
}

TEST(FfmpegEncoder, UnsupportedRateReportsFfmpegError) {
  try {
    make_encoder(AudioFormat::kOpus, 44100, [](std::string_view) {});
    FAIL() << "libopus cannot encode at 44.1 kHz";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("libopus"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(':'), std::string::npos) << e.what();
  }
}

TEST(FfmpegEncoder, RejectsNonPositiveRate) {
  EXPECT_THROW(make_encoder(AudioFormat::kMp3, 0, [](std::string_view) {}), std::invalid_argument);
}

}  // namespace
}  // namespace chorus
