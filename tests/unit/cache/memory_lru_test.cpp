#include "cache/memory_lru.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace chorus {
namespace {

std::shared_ptr<const CachedSpeech> entry(std::size_t audio_bytes, char fill = 'a') {
  auto speech = std::make_shared<CachedSpeech>();
  speech->audio.assign(audio_bytes, fill);
  speech->engine = "espeak";
  return speech;
}

// Budget that holds exactly `n` entries of `audio_bytes` each under short keys.
std::size_t budget_for(std::size_t n, std::size_t audio_bytes) {
  return n * MemoryLru::slot_cost("k", *entry(audio_bytes));
}

TEST(MemoryLru, FindsWhatWasInserted) {
  MemoryLru lru(1 << 20);
  EXPECT_EQ(lru.find("k"), nullptr);
  auto stored = entry(100, 'x');
  ASSERT_TRUE(lru.insert("k", stored));
  auto found = lru.find("k");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->audio, std::string(100, 'x'));
  EXPECT_EQ(lru.entries(), 1u);
  EXPECT_EQ(lru.bytes(), MemoryLru::slot_cost("k", *stored));
  EXPECT_GT(lru.bytes(), 100u + sizeof(CachedSpeech));  // the key and bookkeeping count too
}

TEST(MemoryLru, EvictsLeastRecentlyUsedWithinBudget) {
  MemoryLru lru(budget_for(3, 1000));
  lru.insert("a", entry(1000));
  lru.insert("b", entry(1000));
  lru.insert("c", entry(1000));
  ASSERT_NE(lru.find("a"), nullptr);  // a is now the most recently used; b the least
  lru.insert("d", entry(1000));
  EXPECT_EQ(lru.find("b"), nullptr);
  EXPECT_NE(lru.find("a"), nullptr);
  EXPECT_NE(lru.find("c"), nullptr);
  EXPECT_NE(lru.find("d"), nullptr);
  EXPECT_EQ(lru.entries(), 3u);
  EXPECT_LE(lru.bytes(), budget_for(3, 1000));
}

TEST(MemoryLru, LargeEntryEvictsSeveralSmallOnes) {
  MemoryLru lru(budget_for(4, 1000));
  for (const char* key : {"a", "b", "c", "d"}) lru.insert(key, entry(1000));
  ASSERT_TRUE(lru.insert("big", entry(2500)));
  EXPECT_EQ(lru.find("a"), nullptr);
  EXPECT_EQ(lru.find("b"), nullptr);
  EXPECT_EQ(lru.find("c"), nullptr);
  EXPECT_NE(lru.find("d"), nullptr);
  EXPECT_NE(lru.find("big"), nullptr);
  EXPECT_LE(lru.bytes(), budget_for(4, 1000));
}

TEST(MemoryLru, RefusesAnEntryLargerThanTheBudgetAndKeepsTheRest) {
  MemoryLru lru(budget_for(2, 1000));
  lru.insert("a", entry(1000));
  EXPECT_FALSE(lru.insert("huge", entry(5000)));
  EXPECT_EQ(lru.find("huge"), nullptr);
  EXPECT_NE(lru.find("a"), nullptr);
}

TEST(MemoryLru, ReplacingAKeyKeepsTheAccountingRight) {
  MemoryLru lru(1 << 20);
  lru.insert("k", entry(1000));
  lru.insert("k", entry(3000, 'z'));
  EXPECT_EQ(lru.entries(), 1u);
  EXPECT_EQ(lru.bytes(), MemoryLru::slot_cost("k", *entry(3000)));
  EXPECT_EQ(lru.find("k")->audio[0], 'z');
}

TEST(MemoryLru, LongKeysCountAgainstTheBudget) {
  const std::string long_key(200, 'k');
  EXPECT_GE(MemoryLru::slot_cost(long_key, *entry(10)),
            MemoryLru::slot_cost("k", *entry(10)) + 2 * (long_key.size() - 15));
}

TEST(MemoryLru, ZeroBudgetKeepsNothing) {
  MemoryLru lru(0);
  EXPECT_FALSE(lru.insert("k", entry(1)));
  EXPECT_EQ(lru.entries(), 0u);
}

TEST(MemoryLru, ConcurrentUseStaysWithinBudget) {
  const std::size_t budget = budget_for(20, 512);
  MemoryLru lru(budget);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&lru, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = "k" + std::to_string((i * 7 + t) % 50);
        if (auto found = lru.find(key)) {
          EXPECT_EQ(found->audio.size(), 512u);
        } else {
          lru.insert(key, entry(512));
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(lru.bytes(), budget);
  EXPECT_EQ(lru.bytes(), lru.entries() * MemoryLru::slot_cost("k", *entry(512)));
}

}  // namespace
}  // namespace chorus
