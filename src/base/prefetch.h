#pragma once

#include <cstddef>
#include <cstdint>

namespace sluice {

// Asks for the cache line `ahead` bytes past `end` (the next byte a write stream will write),
// to be written. The address may lie past the stream's allocation: a prefetch never faults,
// and it is formed as an integer, so no out-of-range pointer is made.
inline void prefetch_write_ahead(const void* end, size_t ahead) {
  __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<uintptr_t>(end) + ahead), 1);
}

// Asks for the cache lines of the first `max_bytes` of the `size` bytes at `p`, to be read (a
// message or a payload written on another core, some rows before it is used).
inline void prefetch_read(const char* p, size_t size, size_t max_bytes) {
  const size_t n = size < max_bytes ? size : max_bytes;
  for (size_t at = 0; at < n; at += 64) __builtin_prefetch(p + at);
}

}  // namespace sluice
