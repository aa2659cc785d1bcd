#pragma once
// How the process asks glibc's malloc to hold memory. A server's allocations are bursty: a clone's
// decoded reference and long audio buffers are large and short-lived, and a long text's PCM queues
// up by the megabyte between the engine thread and the response thread, then drains. glibc's
// defaults suit neither: its dynamic mmap threshold rises after the first large free, so later
// large blocks land in the per-thread arenas, whose fragmentation keeps RSS creeping up over
// thousands of requests although the live heap is flat; and its 128 KiB trim threshold hands the
// top of a per-thread arena back with madvise after nearly every drained queue, each call a TLB
// shootdown that interrupts the other cores (the engine thread among them) and leaves fresh pages
// to fault in again. (Model tensors do not go through here: ONNX Runtime's own arena reuses them,
// see KokoroConfig::cpu_arena.)
#include <cstddef>
#include <string>

namespace chorus {

// Blocks at or above this size are mmapped and returned to the system when freed.
inline constexpr std::size_t kMallocMmapThresholdBytes = 256 * 1024;
// Free memory at the top of an arena is kept for reuse up to this size before it is returned.
inline constexpr std::size_t kMallocTrimThresholdBytes = 4 * 1024 * 1024;
// Arenas per core: fewer arenas than glibc's 8 per core, so the free space of a few arenas serves
// every thread instead of each of dozens of HTTP and engine threads keeping its own.
inline constexpr int kMallocArenasPerCore = 2;

// The arena limit for a machine with `cores` cores (at least 2).
int malloc_arena_limit(unsigned cores);

// Applies the mmap threshold, the trim threshold and the arena limit above; each one the user set
// through glibc's own environment (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_,
// MALLOC_ARENA_MAX, or the same glibc.malloc.* names in GLIBC_TUNABLES) is left as set. Returns a
// line for the start-up log saying what applies. Call before starting threads.
std::string apply_memory_policy();

}  // namespace chorus
