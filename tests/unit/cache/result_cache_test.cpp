#include "cache/result_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "cache/cache_recorder.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;

CachedSpeech description() {
  CachedSpeech entry;
  entry.engine = "espeak";
  entry.voice = "espeak:en";
  entry.language = "en";
  return entry;
}

TEST(ResultCache, AcceptsOnlyShortInputsWhenEnabled) {
  CacheConfig config;
  config.max_input_chars = 10;
  ResultCache cache(config);
  EXPECT_TRUE(cache.accepts(10));
  EXPECT_FALSE(cache.accepts(11));
  config.enabled = false;
  ResultCache disabled(config);
  EXPECT_FALSE(disabled.accepts(1));
}

TEST(ResultCache, RecorderStoresACompletedResponse) {
  auto cache = std::make_shared<ResultCache>(CacheConfig{});
  CacheRecorder recorder(cache, "key", description());
  recorder.append("abc");
  recorder.append("def");
  EXPECT_EQ(cache->find("key"), nullptr);  // nothing before the response completes
  recorder.finish(2.5);
  auto found = cache->find("key");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->audio, "abcdef");
  EXPECT_DOUBLE_EQ(found->audio_seconds, 2.5);
  EXPECT_EQ(found->engine, "espeak");
}

TEST(ResultCache, AStoredResponseHoldsNoUnusedBuffer) {
  // Appended piece by piece, the audio's buffer grows geometrically; the cache keeps it for long,
  // so it must keep (and count) only what the audio needs.
  auto cache = std::make_shared<ResultCache>(CacheConfig{});
  CacheRecorder recorder(cache, "key", description());
  const std::string piece(1000, 'p');
  for (int i = 0; i < 700; ++i) recorder.append(piece);
  recorder.finish(1.0);
  auto found = cache->find("key");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->audio.size(), 700000u);
  EXPECT_EQ(found->audio.capacity(), found->audio.size());
  EXPECT_EQ(cache->memory_bytes(), MemoryLru::slot_cost("key", *found));
  EXPECT_LT(cache->memory_bytes(), 701000u);
}

TEST(ResultCache, RecorderDropsAResponseLargerThanTheCache) {
  CacheConfig config;
  config.memory_bytes = 4096;
  auto cache = std::make_shared<ResultCache>(config);
  CacheRecorder recorder(cache, "key", description());
  recorder.append(std::string(3000, 'a'));
  recorder.append(std::string(3000, 'b'));
  recorder.finish(1.0);
  EXPECT_EQ(cache->find("key"), nullptr);
  EXPECT_EQ(cache->memory_entries(), 0u);
}

TEST(ResultCache, DiskHitIsPromotedToMemoryAfterRestart) {
  fs::path dir = fs::temp_directory_path() / ("chorus-result-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  CacheConfig config;
  config.disk_dir = dir.string();
  {
    auto cache = std::make_shared<ResultCache>(config);
    CacheRecorder recorder(cache, "0123abcd", description());
    recorder.append("audio bytes");
    recorder.finish(0.5);
  }
  ResultCache restarted(config);
  EXPECT_EQ(restarted.memory_entries(), 0u);
  auto found = restarted.find("0123abcd");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->audio, "audio bytes");
  EXPECT_EQ(restarted.memory_entries(), 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace chorus
