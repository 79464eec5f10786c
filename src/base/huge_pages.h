#pragma once

#include <cstddef>
#include <memory>
#include <new>

namespace sluice {

// Memory for large tables that are read at random (the join's right index and records, the dedup
// index): mapped on its own, 2 MiB aligned, and marked for transparent huge pages
// (madvise(MADV_HUGEPAGE), which Debian's default THP mode "madvise" honours). A lookup in a table
// of tens of megabytes then misses the TLB far less often, and the table faults in 2 MiB at a
// time instead of 4 KiB. Where the kernel does not give huge pages, it is plain mapped memory.
// Throws std::bad_alloc when the mapping fails.
void* huge_pages_allocate(size_t bytes);
void huge_pages_free(void* p, size_t bytes);

// Below this size an allocation goes to the ordinary allocator: a huge page would mostly be
// unused, and small tables fit the TLB anyway.
inline constexpr size_t kHugePagesFrom = size_t{4} << 20;

// A std::allocator that takes huge pages for allocations of kHugePagesFrom bytes or more.
template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor)

  T* allocate(size_t n) {
    if (n * sizeof(T) < kHugePagesFrom) return std::allocator<T>().allocate(n);
    return static_cast<T*>(huge_pages_allocate(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePagesFrom) return std::allocator<T>().deallocate(p, n);
    huge_pages_free(p, n * sizeof(T));
  }

  template <typename U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) {
    return true;
  }
};

}  // namespace sluice
