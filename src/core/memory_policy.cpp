#include "core/memory_policy.h"

#include <malloc.h>

#include <cstdlib>
#include <cstring>

namespace chorus {

std::string apply_memory_policy() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") ||
      (tunables && std::strstr(tunables, "glibc.malloc.mmap_threshold"))) {
    return "malloc: mmap threshold from the environment";
  }
  if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMallocMmapThresholdBytes)) != 1) {
    return "malloc: could not set the mmap threshold; glibc's default applies";
  }
  return "malloc: blocks of " + std::to_string(kMallocMmapThresholdBytes / 1024) +
         " KiB and more are mapped and returned to the system when freed";
}

}  // namespace chorus
