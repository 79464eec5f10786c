#include "base/allocator_tuning.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sluice {
namespace {

#if defined(__GLIBC__)
// After tuning, a fetch-buffer-sized allocation comes from the heap (glibc's default would
// mmap it: mallinfo2's hblks counts such chunks) and its pages stay with the process when freed.
TEST(AllocatorTuning, MultiMegabyteBuffersComeFromTheHeap) {
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr) GTEST_SKIP() << "set by the environment";
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator replaces glibc's";
#endif
  tune_allocator_for_streaming();
  const size_t mapped_before = mallinfo2().hblks;
  void* buffer = std::malloc(8u << 20);
  ASSERT_NE(buffer, nullptr);
  std::memset(buffer, 1, 8u << 20);
  EXPECT_EQ(mallinfo2().hblks, mapped_before);
  std::free(buffer);
  void* larger = std::malloc(kHeapAllocationLimit + (1u << 20));  // above the limit: mmap'd
  ASSERT_NE(larger, nullptr);
  EXPECT_EQ(mallinfo2().hblks, mapped_before + 1);
  std::free(larger);
}
#endif

}  // namespace
}  // namespace sluice
