#include "cache/redis_value.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(RedisValue, RoundTripsEveryField) {
  CachedSpeech entry;
  entry.audio = std::string("\0\1\2binary\xff", 10);
  entry.audio_seconds = 3.5;
  entry.engine = "kokoro";
  entry.voice = "af_heart";
  entry.language = "en";
  entry.watermarked = true;
  std::string value = encode_redis_value(entry);
  EXPECT_EQ(value.substr(0, 8), "CHORUSRC");
  auto decoded = decode_redis_value(value);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->audio, entry.audio);
  EXPECT_DOUBLE_EQ(decoded->audio_seconds, 3.5);
  EXPECT_EQ(decoded->engine, "kokoro");
  EXPECT_EQ(decoded->voice, "af_heart");
  EXPECT_TRUE(decoded->watermarked);
}

TEST(RedisValue, RejectsEveryTruncationAndAlteredHeader) {
  CachedSpeech entry;
  entry.audio = "some audio";
  const std::string value = encode_redis_value(entry);
  for (std::size_t size = 0; size < value.size(); ++size) {
    EXPECT_FALSE(decode_redis_value(value.substr(0, size)).has_value()) << size;
  }
  for (std::size_t i = 0; i < 20; ++i) {  // magic, version, length
    std::string altered = value;
    altered[i] = static_cast<char>(altered[i] ^ 0x10);
    EXPECT_FALSE(decode_redis_value(altered).has_value()) << i;
  }
}

}  // namespace
}  // namespace chorus
