#include "base/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace sluice {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t round_up(size_t bytes) {
  return (bytes + kHugePage - 1) & ~(kHugePage - 1);
}

}  // namespace

void* huge_pages_allocate(size_t bytes) {
  const size_t size = round_up(bytes);
  // One huge page more than needed, so that a 2 MiB aligned range lies inside; the rest is
  // unmapped again.
  void* mapped =
      mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(mapped);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) munmap(mapped, aligned - start);
  const uintptr_t end = start + size + kHugePage;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, size, MADV_HUGEPAGE);  // a hint: without THP the memory is still usable
  return p;
}

void huge_pages_free(void* p, size_t bytes) {
  if (p != nullptr) munmap(p, round_up(bytes));
}

}  // namespace sluice
