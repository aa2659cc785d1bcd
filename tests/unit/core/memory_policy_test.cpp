#include "core/memory_policy.h"

#include <gtest/gtest.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include <barrier>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace chorus {
namespace {

bool malloc_is_replaced() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

void clear_malloc_environment() {
  for (const char* name : {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_ARENA_MAX",
                           "GLIBC_TUNABLES"}) {
    ::unsetenv(name);
  }
}

// Each test runs in its own process (gtest_discover_tests), so mallopt starts from glibc's defaults.
// The sanitizer builds run a binary's tests in one process (CHORUS_TEST_PER_BINARY); these
// skip there.
TEST(MemoryPolicy, LargeBlocksStayMappedAfterALargerOneWasFreed) {
  if (malloc_is_replaced()) GTEST_SKIP() << "the sanitizer's allocator replaces glibc's malloc";
  clear_malloc_environment();
  EXPECT_NE(apply_memory_policy().find("mmap threshold 256 KiB"), std::string::npos);
  const auto mapped = [] { return mallinfo2().hblks; };
  const std::size_t before = mapped();
  // With glibc's dynamic threshold, freeing a mapped 4 MiB block raises the threshold to 4 MiB,
  // and the 512 KiB block after it would come from an arena.
  void* big = std::malloc(4 << 20);
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(mapped(), before + 1);
  std::free(big);
  EXPECT_EQ(mapped(), before);
  void* block = std::malloc(kMallocMmapThresholdBytes * 2);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(mapped(), before + 1);
  std::free(block);
  EXPECT_EQ(mapped(), before);
}

TEST(MemoryPolicy, ADrainedBurstStaysInTheArenaForReuse) {
  if (malloc_is_replaced()) GTEST_SKIP() << "the sanitizer's allocator replaces glibc's malloc";
  clear_malloc_environment();
  EXPECT_NE(apply_memory_policy().find("trim threshold 4 MiB"), std::string::npos);
  // 2 MiB of blocks below the mmap threshold, as a queue of PCM pieces, freed newest first so the
  // arena's top grows back: glibc's 128 KiB default would hand all of it back to the system.
  std::vector<void*> blocks;
  blocks.reserve(32);  // the list itself must not end up between the blocks
  for (int i = 0; i < 32; ++i) blocks.push_back(std::malloc(64 * 1024));
  for (auto it = blocks.rbegin(); it != blocks.rend(); ++it) std::free(*it);
  EXPECT_GE(mallinfo2().keepcost, 2u * 1024 * 1024);
}

int arenas_in_use() {
  char* text = nullptr;
  std::size_t size = 0;
  FILE* out = ::open_memstream(&text, &size);
  if (out == nullptr) return -1;
  ::malloc_info(0, out);
  std::fclose(out);
  const std::string xml(text, size);
  std::free(text);
  int count = 0;
  for (auto at = xml.find("<heap nr="); at != std::string::npos; at = xml.find("<heap nr=", at + 1)) {
    ++count;
  }
  return count;
}

TEST(MemoryPolicy, ThreadsShareALimitedNumberOfArenas) {
  if (malloc_is_replaced()) GTEST_SKIP() << "the sanitizer's allocator replaces glibc's malloc";
  clear_malloc_environment();
  const int limit = malloc_arena_limit(std::thread::hardware_concurrency());
  EXPECT_NE(apply_memory_policy().find("arena limit " + std::to_string(limit)), std::string::npos);
  // Without a limit each of these threads would get an arena of its own (up to 8 per core).
  const int threads = limit * 4 + 8;
  std::barrier all_allocated(threads);
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&] {
      void* volatile block = std::malloc(1024);  // volatile: the pair must not be optimized away
      all_allocated.arrive_and_wait();
      std::free(block);
    });
  }
  for (auto& worker : workers) worker.join();
  const int arenas = arenas_in_use();
  EXPECT_GE(arenas, 1);
  EXPECT_LE(arenas, limit);
}

TEST(MemoryPolicy, ArenaLimitFollowsTheCores) {
  EXPECT_EQ(malloc_arena_limit(0), 2);
  EXPECT_EQ(malloc_arena_limit(1), 2);
  EXPECT_EQ(malloc_arena_limit(2), 4);
  EXPECT_EQ(malloc_arena_limit(16), 32);
}

TEST(MemoryPolicy, TheEnvironmentWins) {
  clear_malloc_environment();
  ::setenv("MALLOC_MMAP_THRESHOLD_", "1048576", 1);
  ::setenv("MALLOC_ARENA_MAX", "1", 1);
  std::string line = apply_memory_policy();
  EXPECT_NE(line.find("mmap threshold from the environment"), std::string::npos) << line;
  EXPECT_NE(line.find("arena limit from the environment"), std::string::npos) << line;
  if (malloc_is_replaced()) {
    // The sanitizer's mallopt refuses every option; the setting is still ours, not the
    // environment's.
    EXPECT_NE(line.find("trim threshold: glibc's default (mallopt failed)"), std::string::npos)
        << line;
  } else {
    EXPECT_NE(line.find("trim threshold 4 MiB"), std::string::npos) << line;
  }
  clear_malloc_environment();
  ::setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1048576:glibc.malloc.trim_threshold=1", 1);
  line = apply_memory_policy();
  EXPECT_NE(line.find("mmap threshold from the environment"), std::string::npos) << line;
  EXPECT_NE(line.find("trim threshold from the environment"), std::string::npos) << line;
  clear_malloc_environment();
}

}  // namespace
}  // namespace chorus
