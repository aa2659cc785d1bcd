#pragma once
// How the process asks glibc's malloc to treat large blocks. A clone's decoded reference and long
// audio buffers are large and short-lived; with glibc's default (a dynamic mmap threshold that
// rises after the first large free) they end up inside the per-thread malloc arenas, whose
// fragmentation keeps RSS creeping up over thousands of requests although the live heap is flat.
// (Model tensors do not go through here: ONNX Runtime's own arena reuses them, see
// KokoroConfig::cpu_arena; mapping them fresh for every Run costs page faults.)
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
