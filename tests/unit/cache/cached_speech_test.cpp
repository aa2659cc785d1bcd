// The disk tier's file format: what parse_cached_speech() accepts and what it treats as foreign.
#include "cache/cached_speech.h"

#include <gtest/gtest.h>

#include <string>

#include "core/sha256.h"

namespace chorus {
namespace {

std::string file_with(const std::string& audio_bytes, const std::string& audio_seconds,
                      const std::string& audio = "RIFFaudio") {
  return "chorus-cache-1\n{\"audio_bytes\": " + audio_bytes + ", \"audio_sha256\": \"" +
         sha256_hex(audio) + "\", \"audio_seconds\": " + audio_seconds +
         ", \"engine\": \"kokoro\", \"voice\": \"af_heart\", \"language\": \"en\", "
         "\"clone_method\": \"\"}\n" + audio;
}

TEST(CachedSpeech, RoundTrips) {
  CachedSpeech speech{"RIFFaudio", 1.25, "kokoro", "af_heart", "en", "latents"};
  const auto read = parse_cached_speech(serialize_cached_speech(speech));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->audio, speech.audio);
  EXPECT_EQ(read->audio_seconds, 1.25);
  EXPECT_EQ(read->clone_method, "latents");
  EXPECT_TRUE(parse_cached_speech(file_with("9", "0.5")).has_value());
}

// Found by the cache_entry fuzz target (tests/fuzz/regressions/cache_entry/): a size written
// as a float was converted to an integer by an undefined cast. Numbers of the wrong kind, and
// durations no response can have, make the file foreign.
TEST(CachedSpeech, NumbersOfTheWrongKindAreForeign) {
  EXPECT_FALSE(parse_cached_speech(file_with("184467440737095516157", "0.5")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("9.0", "0.5")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("-9", "0.5")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("\"9\"", "0.5")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("9", "-1")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("9", "1e400")).has_value());
  EXPECT_FALSE(parse_cached_speech(file_with("9", "\"0.5\"")).has_value());
}

}  // namespace
}  // namespace chorus
