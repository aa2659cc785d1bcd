// WAV and PCM need no codec: check the exact bytes, and that ffmpeg reads the WAV back.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "codec/encoder.h"
#include "codec/wav_encoder.h"
#include "media_tools.h"

namespace chorus {
namespace {

constexpr int kPcmRate = 24000;

uint32_t u32_at(const std::string& bytes, std::size_t pos) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<uint8_t>(bytes[pos + static_cast<std::size_t>(i)]);
  return v;
}

uint16_t u16_at(const std::string& bytes, std::size_t pos) {
  return static_cast<uint16_t>(static_cast<uint8_t>(bytes[pos]) |
                               static_cast<uint8_t>(bytes[pos + 1]) << 8);
}

std::string encode_pcm(AudioFormat format, const std::vector<int16_t>& samples, bool streaming = true,
                   std::size_t total = 0, std::size_t block = 1000) {
  std::string bytes;
  auto encoder = make_encoder(
      format, kPcmRate, [&](std::string_view piece) { bytes.append(piece); }, streaming, total);
  for (std::size_t pos = 0; pos < samples.size(); pos += block) {
    encoder->write(std::span(samples).subspan(pos, std::min(block, samples.size() - pos)));
  }
  encoder->finish();
  return bytes;
}

std::string s16le(const std::vector<int16_t>& samples) {
  std::string bytes;
  for (int16_t s : samples) {
    const auto v = static_cast<uint16_t>(s);
    bytes.push_back(static_cast<char>(v & 0xFF));
    bytes.push_back(static_cast<char>(v >> 8));
  }
  return bytes;
}

TEST(PcmEncoder, EmitsRawLittleEndianSamples) {
  const std::vector<int16_t> samples{0, 1, -1, 32767, -32768, 0x1234};
  const std::string bytes = encode_pcm(AudioFormat::kPcm, samples, true, 0, 4);
  EXPECT_EQ(bytes.size(), 2 * samples.size());
  EXPECT_EQ(bytes, s16le(samples));
}

TEST(PcmEncoder, ByteCountIsTwicePerSample) {
  const auto samples = test::sine_s16(1.0, 440.0, kPcmRate, 0.5);
  EXPECT_EQ(encode_pcm(AudioFormat::kPcm, samples, true, 0, 777).size(), 2 * samples.size());
}

TEST(WavEncoder, StreamingHeaderUsesUnknownSizesAndDecodes) {
  const auto samples = test::sine_s16(1.0, 440.0, kPcmRate, 0.5);
  const std::string bytes = encode_pcm(AudioFormat::kWav, samples, true, 0, 333);
  ASSERT_EQ(bytes.size(), kWavHeaderSize + 2 * samples.size());
  EXPECT_EQ(bytes.substr(0, 4), "RIFF");
  EXPECT_EQ(u32_at(bytes, 4), 0xFFFFFFFFu);
  EXPECT_EQ(bytes.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(u16_at(bytes, 20), 1);  // PCM
  EXPECT_EQ(u16_at(bytes, 22), 1);  // mono
  EXPECT_EQ(u32_at(bytes, 24), 24000u);
  EXPECT_EQ(u32_at(bytes, 28), 48000u);
  EXPECT_EQ(u16_at(bytes, 34), 16);
  EXPECT_EQ(bytes.substr(36, 4), "data");
  EXPECT_EQ(u32_at(bytes, 40), 0xFFFFFFFFu);
  EXPECT_EQ(bytes.substr(kWavHeaderSize), s16le(samples));

  test::TempFile file("wav");
  file.write(bytes);
  const auto info = test::probe(file.path());
  EXPECT_EQ(info["streams"][0]["codec_name"], "pcm_s16le");
  EXPECT_EQ(info["streams"][0]["sample_rate"], "24000");
  EXPECT_EQ(info["streams"][0]["channels"], 1);
  std::string errors;
  EXPECT_EQ(test::decode(file.path(), &errors), samples);
  EXPECT_EQ(errors, "");
}

TEST(WavEncoder, KnownLengthGetsExactSizes) {
  const auto samples = test::sine_s16(1.0, 440.0, kPcmRate, 0.5);
  const std::string bytes = encode_pcm(AudioFormat::kWav, samples, false, samples.size());
  ASSERT_EQ(bytes.size(), kWavHeaderSize + 2 * samples.size());
  EXPECT_EQ(u32_at(bytes, 4), 36 + 2 * samples.size());
  EXPECT_EQ(u32_at(bytes, 40), 2 * samples.size());

  test::TempFile file("wav");
  file.write(bytes);
  const auto info = test::probe(file.path());
  EXPECT_DOUBLE_EQ(std::stod(info["format"]["duration"].get<std::string>()), 1.0);
  EXPECT_EQ(test::decode(file.path()), samples);
}

TEST(WavEncoder, KnownLengthIsHonouredWhenInputDisagrees) {
  const std::vector<int16_t> short_input(600, 1000);
  const std::string padded = encode_pcm(AudioFormat::kWav, short_input, false, 1000);
  ASSERT_EQ(padded.size(), kWavHeaderSize + 2000);
  EXPECT_EQ(padded.substr(kWavHeaderSize + 1200), std::string(800, '\0'));

  const std::vector<int16_t> long_input(1500, 1000);
  EXPECT_EQ(encode_pcm(AudioFormat::kWav, long_input, false, 1000).size(), kWavHeaderSize + 2000);
}

TEST(WavEncoder, UnknownLengthWithoutStreamingFallsBackToUnknownSizes) {
  const std::string bytes = encode_pcm(AudioFormat::kWav, std::vector<int16_t>(10, 0), false, 0);
  EXPECT_EQ(u32_at(bytes, 4), 0xFFFFFFFFu);
  EXPECT_EQ(u32_at(bytes, 40), 0xFFFFFFFFu);
}

TEST(WavEncoder, EmptyStreamIsJustTheHeader) {
  EXPECT_EQ(encode_pcm(AudioFormat::kWav, {}).size(), kWavHeaderSize);
}

}  // namespace
}  // namespace chorus
