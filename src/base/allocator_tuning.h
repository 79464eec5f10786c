#pragma once

#include <cstddef>

namespace sluice {

// glibc malloc settings for a streaming process (`sluice run`), unless the environment sets
// them (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_): allocations up to 32 MiB come from the
// heap and freed memory is returned to the kernel only above 256 MiB of free top. librdkafka's
// receive threads allocate fetch buffers of up to tens of MiB and the settling thread frees
// them with each batch; with glibc's defaults the larger ones are mmap'd afresh and freed heap
// tops trimmed, so every buffer's pages were faulted in and zeroed by the kernel again
// (docs/benchmarks.md, 2026-12-07: W1's receive threads 1.17-1.24 -> 1.03-1.10 CPU-s).
void tune_allocator_for_streaming();

inline constexpr size_t kHeapAllocationLimit = size_t{32} << 20;  // M_MMAP_THRESHOLD
inline constexpr size_t kTrimThreshold = size_t{256} << 20;       // M_TRIM_THRESHOLD

}  // namespace sluice
