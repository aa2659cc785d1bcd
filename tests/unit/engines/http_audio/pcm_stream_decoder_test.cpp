#include "engines/http_audio/pcm_stream_decoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/api_error.h"

namespace chorus::http_audio {
namespace {

// The header xtts-streaming-server sends first: Python's wave module with zero frames.
const std::string kZeroLengthHeader(
    "\x52\x49\x46\x46\x24\x00\x00\x00\x57\x41\x56\x45\x66\x6d\x74\x20\x10\x00\x00\x00\x01\x00"
    "\x01\x00\xc0\x5d\x00\x00\x80\xbb\x00\x00\x02\x00\x10\x00\x64\x61\x74\x61\x00\x00\x00\x00",
    44);

std::string pcm_bytes(const std::vector<std::int16_t>& samples) {
  std::string out;
  for (auto sample : samples) {
    out += static_cast<char>(static_cast<std::uint16_t>(sample) & 0xff);
    out += static_cast<char>(static_cast<std::uint16_t>(sample) >> 8);
  }
  return out;
}

std::vector<float> feed_in_pieces(PcmStreamDecoder& decoder, const std::string& body,
                                  std::size_t piece) {
  std::vector<float> all, out;
  for (std::size_t at = 0; at < body.size(); at += piece) {
    decoder.feed(std::string_view(body).substr(at, piece), out);
    all.insert(all.end(), out.begin(), out.end());
  }
  return all;
}

TEST(XttsPcmStream, SkipsZeroLengthHeaderAndDecodesSamples) {
  const std::vector<std::int16_t> samples{0, 16384, -16384, 32767, -32768, 1};
  PcmStreamDecoder decoder;
  std::vector<float> out;
  decoder.feed(kZeroLengthHeader, out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(decoder.header_seen());
  decoder.feed(pcm_bytes(samples), out);
  ASSERT_EQ(out.size(), samples.size());
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  EXPECT_FLOAT_EQ(out[2], -0.5f);
  EXPECT_FLOAT_EQ(out[4], -1.0f);
  EXPECT_FALSE(decoder.incomplete());
}

TEST(XttsPcmStream, AnyCutOfTheBodyGivesTheSameSamples) {
  std::vector<std::int16_t> samples;
  for (int i = 0; i < 1001; ++i) samples.push_back(static_cast<std::int16_t>(i * 37 - 9000));
  const std::string body = kZeroLengthHeader + pcm_bytes(samples);
  for (std::size_t piece : {1u, 2u, 3u, 7u, 43u, 45u, 333u, 4096u}) {
    PcmStreamDecoder decoder;
    auto decoded = feed_in_pieces(decoder, body, piece);
    ASSERT_EQ(decoded.size(), samples.size()) << "piece " << piece;
    for (std::size_t i = 0; i < samples.size(); ++i) {
      ASSERT_FLOAT_EQ(decoded[i], samples[i] / 32768.0f) << "piece " << piece << " sample " << i;
    }
    EXPECT_EQ(decoder.samples_decoded(), samples.size());
    EXPECT_FALSE(decoder.incomplete());
  }
}

TEST(XttsPcmStream, OddTrailingByteIsReportedIncomplete) {
  PcmStreamDecoder decoder;
  std::vector<float> out;
  decoder.feed(kZeroLengthHeader + pcm_bytes({5, 6}) + std::string(1, '\x01'), out);
  EXPECT_EQ(out.size(), 2u);
  EXPECT_TRUE(decoder.incomplete());
}

TEST(XttsPcmStream, BarePcmWithoutHeaderIsAccepted) {
  PcmStreamDecoder decoder;
  auto decoded = feed_in_pieces(decoder, pcm_bytes({100, -100, 200, -200, 300, -300, 7}), 3);
  EXPECT_FALSE(decoder.header_seen());
  ASSERT_EQ(decoded.size(), 7u);
  EXPECT_FLOAT_EQ(decoded[6], 7 / 32768.0f);
}

TEST(XttsPcmStream, SkipsExtraHeaderChunks) {
  std::string header = kZeroLengthHeader.substr(0, 36) + "LIST" + std::string("\x03\0\0\0", 4) +
                       "abc" + std::string(1, '\0') + kZeroLengthHeader.substr(36);
  PcmStreamDecoder decoder;
  auto decoded = feed_in_pieces(decoder, header + pcm_bytes({42}), 5);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_FLOAT_EQ(decoded[0], 42 / 32768.0f);
}

TEST(XttsPcmStream, RejectsAnotherSampleRate) {
  std::string header = kZeroLengthHeader;
  header[24] = '\x22';  // 22050 Hz = 0x5622
  header[25] = '\x56';
  PcmStreamDecoder decoder(24000);
  std::vector<float> out;
  EXPECT_THROW(decoder.feed(header, out), EngineError);
}

TEST(XttsPcmStream, EncodeWavRoundTrips) {
  const std::vector<float> samples{0.0f, 0.5f, -0.5f, 2.0f, -2.0f};
  const std::string wav = encode_wav(samples, 16000);
  ASSERT_EQ(wav.size(), 44u + samples.size() * 2);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
  PcmStreamDecoder decoder(16000);
  std::vector<float> out;
  decoder.feed(wav, out);
  ASSERT_EQ(out.size(), samples.size());
  EXPECT_NEAR(out[1], 0.5f, 1e-4);
  EXPECT_NEAR(out[3], 1.0f, 1e-4);   // clipped
  EXPECT_NEAR(out[4], -1.0f, 1e-4);  // clipped
}

}  // namespace
}  // namespace chorus::http_audio
