#include "core/memory_policy.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace chorus {
namespace {

bool set_by_environment(const char* variable, const char* tunable) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return std::getenv(variable) != nullptr || (tunables && std::strstr(tunables, tunable));
}

// One setting: applied unless the environment set it; describes itself for the log.
std::string apply(int option, int value, const char* variable, const char* tunable,
                  const std::string& what, const std::string& shown) {
  if (set_by_environment(variable, tunable)) return what + " from the environment";
  if (mallopt(option, value) != 1) return what + ": glibc's default (mallopt failed)";
  return what + " " + shown;
}

std::string size_text(std::size_t bytes) {
  constexpr std::size_t kMiB = 1024 * 1024;
  return bytes >= kMiB ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes / 1024) + " KiB";
}

}  // namespace

int malloc_arena_limit(unsigned cores) {
  return std::max(2, kMallocArenasPerCore * static_cast<int>(cores));
}

std::string apply_memory_policy() {
  std::string line = "malloc: ";
  line += apply(M_MMAP_THRESHOLD, static_cast<int>(kMallocMmapThresholdBytes),
                "MALLOC_MMAP_THRESHOLD_", "glibc.malloc.mmap_threshold", "mmap threshold",
                size_text(kMallocMmapThresholdBytes));
  line += ", ";
  line += apply(M_TRIM_THRESHOLD, static_cast<int>(kMallocTrimThresholdBytes),
                "MALLOC_TRIM_THRESHOLD_", "glibc.malloc.trim_threshold", "trim threshold",
                size_text(kMallocTrimThresholdBytes));
  line += ", ";
  const int arenas = malloc_arena_limit(std::thread::hardware_concurrency());
  line += apply(M_ARENA_MAX, arenas, "MALLOC_ARENA_MAX", "glibc.malloc.arena_max", "arena limit",
                std::to_string(arenas));
  return line;
}

}  // namespace chorus
