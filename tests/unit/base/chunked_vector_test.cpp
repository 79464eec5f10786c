#include "base/chunked_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace sluice {
namespace {

struct alignas(64) Wide {
  int64_t n = 0;
  std::string text;
  explicit Wide(int64_t v) : n(v), text(std::to_string(v) + " with a tail longer than SSO") {}
};

TEST(ChunkedVector, ElementsStayWhereTheyWereAcrossChunks) {
  ChunkedVector<Wide> v;
  EXPECT_TRUE(v.empty());
  const size_t n = 3 * ChunkedVector<Wide>::kPerChunk + 17;  // four chunks, the last partly used
  std::vector<const Wide*> where;
  for (size_t i = 0; i < n; ++i) {
    Wide& w = v.emplace_back(static_cast<int64_t>(i));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(&w) % 64, 0u);
    where.push_back(&w);
  }
  ASSERT_EQ(v.size(), n);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(&v[i], where[i]) << i;  // appending later elements moved none
    ASSERT_EQ(v[i].n, static_cast<int64_t>(i));
    ASSERT_EQ(v[i].text, std::to_string(i) + " with a tail longer than SSO");
  }
  v[5].text = "changed";
  const ChunkedVector<Wide>& read = v;
  EXPECT_EQ(read[5].text, "changed");
}

TEST(ChunkedVector, ChunkHoldsAPowerOfTwoOfElements) {
  EXPECT_EQ(ChunkedVector<uint64_t>::kPerChunk, (size_t{2} << 20) / 8);
  EXPECT_EQ(ChunkedVector<Wide>::kPerChunk, (size_t{2} << 20) / 64);
  struct Odd {
    char bytes[24];
  };
  EXPECT_EQ(ChunkedVector<Odd>::kPerChunk, size_t{1} << 16);  // 87381 rounded down
}

}  // namespace
}  // namespace sluice
