#include "core/batch.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(BatchTest, AdvanceKeepsTheHighestNextOffsetPerTopicPartition) {
  Batch batch(1);
  batch.advance(0, Partition{3}, Offset{10});
  batch.advance(0, Partition{0}, Offset{5});
  batch.advance(0, Partition{3}, Offset{12});
  batch.advance(1, Partition{3}, Offset{7});
  batch.advance(0, Partition{3}, Offset{11});  // out of order: keeps 12
  ASSERT_EQ(batch.positions.size(), 3u);
  EXPECT_EQ(batch.positions[0].partition, Partition{3});
  EXPECT_EQ(batch.positions[0].next, Offset{12});
  EXPECT_EQ(batch.positions[1].next, Offset{5});
  EXPECT_EQ(batch.positions[2].topic, 1u);
  EXPECT_EQ(batch.positions[2].next, Offset{7});
}

TEST(BatchTest, ResetEmptiesEverythingButKeepsCapacity) {
  Batch batch(2);
  batch.topics.push_back("t");
  batch.columns[0].cells.push_back(Cell::int64(1));
  batch.columns[1].element_column().cells.push_back(Cell::int64(2));
  batch.strings.assign(1000, 'x');
  batch.advance(0, Partition{1}, Offset{2});
  const size_t capacity = batch.strings.capacity();
  batch.reset();
  EXPECT_TRUE(batch.topics.empty());
  EXPECT_TRUE(batch.columns[0].cells.empty());
  EXPECT_TRUE(batch.columns[1].elements->cells.empty());
  EXPECT_TRUE(batch.strings.empty());
  EXPECT_TRUE(batch.positions.empty());
  EXPECT_EQ(batch.strings.capacity(), capacity);
  batch.advance(0, Partition{1}, Offset{9});  // slots were cleared with the positions
  ASSERT_EQ(batch.positions.size(), 1u);
  EXPECT_EQ(batch.positions[0].next, Offset{9});
}

TEST(BatchTest, TextAndPayloadReadTheArena) {
  Batch batch(0);
  batch.strings = "{\"a\":\"xy\"}";
  batch.payload_refs.push_back({0, 10});
  batch.origins.emplace_back();
  Cell c = Cell::text(ValueKind::String, 6, 2);
  EXPECT_EQ(batch.text(c), "xy");
  EXPECT_EQ(batch.payload(0), "{\"a\":\"xy\"}");
  Cell added = batch.add_text(ValueKind::String, "zz");
  EXPECT_EQ(batch.text(added), "zz");
}

}  // namespace
}  // namespace sluice
