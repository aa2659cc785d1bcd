#include "cache/disk_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/sha256.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;

class DiskStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chorus-disk-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static CachedSpeech speech(std::size_t bytes, char fill = 'a') {
    CachedSpeech entry;
    entry.audio.assign(bytes, fill);
    entry.audio_seconds = 1.25;
    entry.engine = "espeak";
    entry.voice = "espeak:en";
    entry.language = "en";
    return entry;
  }
  static std::string key(int n) { return sha256_hex("key" + std::to_string(n)); }
  static std::size_t file_size_of(const CachedSpeech& entry) {
    return serialize_cached_speech(entry).size();
  }
  fs::path file_for(const std::string& k) const { return dir_ / (k + ".speech"); }

  fs::path dir_;
};

TEST_F(DiskStoreTest, EntriesSurviveARestart) {
  {
    DiskStore store(dir_, 1 << 20);
    ASSERT_TRUE(store.insert(key(1), speech(3000, 'q')));
  }
  DiskStore reopened(dir_, 1 << 20);
  EXPECT_EQ(reopened.entries(), 1u);
  auto found = reopened.find(key(1));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->audio, std::string(3000, 'q'));
  EXPECT_DOUBLE_EQ(found->audio_seconds, 1.25);
  EXPECT_EQ(found->engine, "espeak");
  EXPECT_EQ(found->voice, "espeak:en");
  EXPECT_EQ(found->language, "en");
}

TEST_F(DiskStoreTest, TruncatedFileIsAMissAndIsRemoved) {
  {
    DiskStore store(dir_, 1 << 20);
    store.insert(key(1), speech(3000));
  }
  fs::resize_file(file_for(key(1)), fs::file_size(file_for(key(1))) - 10);
  DiskStore reopened(dir_, 1 << 20);
  EXPECT_FALSE(reopened.find(key(1)).has_value());
  EXPECT_FALSE(fs::exists(file_for(key(1))));
  EXPECT_EQ(reopened.entries(), 0u);
  EXPECT_EQ(reopened.bytes(), 0u);
}

TEST_F(DiskStoreTest, AlteredAudioFailsTheChecksum) {
  DiskStore store(dir_, 1 << 20);
  store.insert(key(1), speech(3000));
  {
    std::fstream file(file_for(key(1)), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(-1, std::ios::end);
    file.put('Z');  // same length, different content
  }
  EXPECT_FALSE(store.find(key(1)).has_value());
}

TEST_F(DiskStoreTest, GarbageFileIsAMiss) {
  fs::create_directories(dir_);
  std::ofstream(file_for(key(2))) << "not a cache file";
  DiskStore store(dir_, 1 << 20);
  EXPECT_FALSE(store.find(key(2)).has_value());
}

TEST_F(DiskStoreTest, LeftoverTemporaryFilesAreRemovedAtStart) {
  fs::create_directories(dir_);
  fs::path temp = dir_ / (key(3) + ".speech.123-0.tmp");
  std::ofstream(temp) << "half written";
  DiskStore store(dir_, 1 << 20);
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(store.entries(), 0u);
}

TEST_F(DiskStoreTest, EvictsLeastRecentlyUsedBeyondTheBudget) {
  const std::size_t one = file_size_of(speech(1000));
  DiskStore store(dir_, 3 * one);
  store.insert(key(1), speech(1000));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  store.insert(key(2), speech(1000));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  store.insert(key(3), speech(1000));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(store.find(key(1)).has_value());  // key 2 is now the least recently used
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  store.insert(key(4), speech(1000));
  EXPECT_FALSE(fs::exists(file_for(key(2))));
  EXPECT_FALSE(store.find(key(2)).has_value());
  EXPECT_TRUE(store.find(key(1)).has_value());
  EXPECT_TRUE(store.find(key(3)).has_value());
  EXPECT_TRUE(store.find(key(4)).has_value());
  EXPECT_LE(store.bytes(), 3 * one);
}

TEST_F(DiskStoreTest, BudgetAppliesToEntriesFoundAtStart) {
  const std::size_t one = file_size_of(speech(1000));
  {
    DiskStore store(dir_, 10 * one);
    for (int i = 0; i < 5; ++i) store.insert(key(i), speech(1000));
  }
  DiskStore smaller(dir_, 2 * one);
  EXPECT_EQ(smaller.entries(), 2u);
  EXPECT_LE(smaller.bytes(), 2 * one);
  std::size_t files = 0;
  for (const auto& item : fs::directory_iterator(dir_)) files += item.is_regular_file();
  EXPECT_EQ(files, 2u);
}

TEST_F(DiskStoreTest, RefusesAnEntryLargerThanTheBudget) {
  DiskStore store(dir_, 500);
  EXPECT_FALSE(store.insert(key(1), speech(1000)));
  EXPECT_EQ(store.entries(), 0u);
}

TEST_F(DiskStoreTest, ConcurrentWritersOfOneKeyLeaveOneValidFile) {
  DiskStore store(dir_, 1 << 22);
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&store] {
      for (int i = 0; i < 50; ++i) {
        store.insert(key(7), speech(20000, 'w'));
        auto found = store.find(key(7));
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->audio.size(), 20000u);
      }
    });
  }
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(store.entries(), 1u);
  std::size_t files = 0;
  for (const auto& item : fs::directory_iterator(dir_)) files += item.is_regular_file();
  EXPECT_EQ(files, 1u);
  EXPECT_EQ(store.bytes(), fs::file_size(file_for(key(7))));
}

}  // namespace
}  // namespace chorus
