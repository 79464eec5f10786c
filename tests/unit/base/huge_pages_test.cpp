#include "base/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace sluice {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

TEST(HugePages, MapsAlignedWritableMemoryOfAnySize) {
  for (size_t bytes : {kHugePagesFrom, kHugePagesFrom + 1, 3 * kHugePage + 12345}) {
    void* p = huge_pages_allocate(bytes);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHugePage, 0u) << bytes;
    auto* bytes_p = static_cast<unsigned char*>(p);
    EXPECT_EQ(bytes_p[0], 0);  // fresh mapped memory reads as zero
    EXPECT_EQ(bytes_p[bytes - 1], 0);
    std::memset(p, 0xAB, bytes);  // every byte is writable
    EXPECT_EQ(bytes_p[bytes - 1], 0xAB);
    huge_pages_free(p, bytes);
  }
}

TEST(HugePages, AllocatorKeepsSmallVectorsOnTheOrdinaryHeap) {
  HugePageAllocator<uint64_t> allocator;
  uint64_t* small = allocator.allocate(16);
  small[15] = 7;  // usable
  allocator.deallocate(small, 16);
  // Large: on its own 2 MiB aligned mapping.
  const size_t n = kHugePagesFrom / sizeof(uint64_t);
  uint64_t* large = allocator.allocate(n);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large) % kHugePage, 0u);
  large[n - 1] = 9;
  allocator.deallocate(large, n);
}

TEST(HugePages, VectorKeepsItsValuesWhileGrowingPastTheThreshold) {
  struct alignas(64) Wide {
    uint64_t value = 0;
  };
  std::vector<Wide, HugePageAllocator<Wide>> values;
  const size_t count = 2 * kHugePagesFrom / sizeof(Wide);  // crosses the threshold twice over
  for (size_t i = 0; i < count; ++i) values.push_back(Wide{i * 3});
  for (size_t i = 0; i < count; ++i) ASSERT_EQ(values[i].value, i * 3) << i;
  EXPECT_EQ(reinterpret_cast<uintptr_t>(values.data()) % 64, 0u);
  std::vector<Wide, HugePageAllocator<Wide>> copy = values;
  EXPECT_EQ(copy[count - 1].value, (count - 1) * 3);
}

}  // namespace
}  // namespace sluice
