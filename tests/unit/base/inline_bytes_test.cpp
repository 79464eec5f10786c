#include "base/inline_bytes.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace sluice {
namespace {

const std::string kShort = "alice.smith@example.com|PL";   // inline
const std::string kLong(InlineBytes::kInline + 1, 'x');    // one byte too many: heap
const std::string kLonger(3 * InlineBytes::kInline, 'y');  // a bigger heap buffer
const std::string kFull(InlineBytes::kInline, 'z');        // exactly inline

TEST(InlineBytes, HoldsShortAndLongValuesAndEveryChangeBetweenThem) {
  InlineBytes b;
  EXPECT_EQ(b.view(), "");
  // Each step overwrites the one before: inline -> heap -> bigger heap -> smaller (same buffer)
  // -> inline again (the heap buffer freed, its pointer's bytes reused) -> heap again.
  for (const std::string* value : {&kShort, &kLong, &kLonger, &kLong, &kFull, &kShort, &kLonger}) {
    b.assign(*value);
    EXPECT_EQ(b.view(), *value);
    EXPECT_EQ(b.size(), value->size());
  }
  b.reset();
  EXPECT_EQ(b.view(), "");
}

TEST(InlineBytes, MovesKeepTheBytesAndEmptyTheSource) {
  for (const std::string* value : {&kShort, &kFull, &kLonger}) {
    InlineBytes a;
    a.assign(*value);
    InlineBytes b(std::move(a));
    EXPECT_EQ(b.view(), *value);
    EXPECT_EQ(a.view(), "");  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
    InlineBytes c;
    c.assign(kLong);  // a heap buffer the assignment must free
    c = std::move(b);
    EXPECT_EQ(c.view(), *value);
  }
  // A vector that grows moves its elements: each keeps its bytes.
  std::vector<InlineBytes> many;
  for (int i = 0; i < 100; ++i) {
    many.emplace_back();
    many.back().assign(i % 2 ? kLonger : kShort + std::to_string(i));
  }
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(many[static_cast<size_t>(i)].view(), i % 2 ? kLonger : kShort + std::to_string(i));
}

}  // namespace
}  // namespace sluice
