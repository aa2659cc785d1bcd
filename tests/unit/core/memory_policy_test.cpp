#include "core/memory_policy.h"

#include <gtest/gtest.h>
#include <malloc.h>
#include <stdlib.h>

#include <cstdlib>

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

TEST(MemoryPolicy, LargeBlocksStayMappedAfterALargerOneWasFreed) {
  if (malloc_is_replaced()) GTEST_SKIP() << "the sanitizer's allocator replaces glibc's malloc";
  ::unsetenv("MALLOC_MMAP_THRESHOLD_");
  ::unsetenv("GLIBC_TUNABLES");
  EXPECT_NE(apply_memory_policy().find("256 KiB"), std::string::npos);
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

TEST(MemoryPolicy, TheEnvironmentWins) {
  ::setenv("MALLOC_MMAP_THRESHOLD_", "1048576", 1);
  EXPECT_EQ(apply_memory_policy(), "malloc: mmap threshold from the environment");
  ::unsetenv("MALLOC_MMAP_THRESHOLD_");
  ::setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1048576", 1);
  EXPECT_EQ(apply_memory_policy(), "malloc: mmap threshold from the environment");
  ::unsetenv("GLIBC_TUNABLES");
}

}  // namespace
}  // namespace chorus
