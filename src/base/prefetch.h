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

}  // namespace sluice
