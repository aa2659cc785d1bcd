#pragma once
// How the process asks glibc's malloc to treat large blocks. Model tensors and audio buffers are
// large and short-lived; with glibc's default (a dynamic mmap threshold that rises after the first
// large free) they end up inside the malloc arenas, where fragmentation across the per-thread
// arenas keeps RSS creeping up over thousands of requests although the live heap is flat.
#include <cstddef>
#include <string>

namespace chorus {

// Blocks at or above this size are mmapped and returned to the system when freed.
inline constexpr std::size_t kMallocMmapThresholdBytes = 256 * 1024;

// Fixes the mmap threshold at kMallocMmapThresholdBytes, unless the user set glibc's own
// MALLOC_MMAP_THRESHOLD_ (or GLIBC_TUNABLES) in the environment, which then wins. Returns a line
// for the start-up log saying which applies. Call before starting threads.
std::string apply_memory_policy();

}  // namespace chorus
