#include "core/batch.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

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

TEST(BatchTest, ByteSizeCountsArenaRetainedAndColumnTexts) {
  Batch batch(2);
  batch.arena.append(std::string(100, 'a'));
  batch.retained_bytes = 10;
  batch.columns[0].texts.append(std::string(20, 'b'));
  batch.columns[1].element_column().texts.append(std::string(3, 'c'));
  EXPECT_EQ(batch.byte_size(), 133u);
}

TEST(BatchTest, ResetEmptiesEverythingButKeepsCapacity) {
  Batch batch(2);
  batch.topics.push_back("t");
  batch.columns[0].cells.push_back(Cell::int64(1));
  batch.columns[1].element_column().cells.push_back(Cell::int64(2));
  const char* first = batch.arena.append(std::string(1000, 'x'));
  batch.retained_bytes = 10;
  batch.advance(0, Partition{1}, Offset{2});
  const size_t capacity = batch.arena.capacity();
  batch.reset();
  EXPECT_TRUE(batch.topics.empty());
  EXPECT_TRUE(batch.columns[0].cells.empty());
  EXPECT_TRUE(batch.columns[1].elements->cells.empty());
  EXPECT_EQ(batch.arena.size(), 0u);
  EXPECT_EQ(batch.byte_size(), 0u);
  EXPECT_TRUE(batch.positions.empty());
  EXPECT_EQ(batch.arena.capacity(), capacity);
  EXPECT_EQ(batch.arena.append("y"), first);  // the same memory again
  batch.advance(0, Partition{1}, Offset{9});  // slots were cleared with the positions
  ASSERT_EQ(batch.positions.size(), 1u);
  EXPECT_EQ(batch.positions[0].next, Offset{9});
}

TEST(BatchTest, ReserveRowsMakesRoomInEveryPerRowVector) {
  Batch batch(3);
  batch.reserve_rows(1000);
  for (const Column& c : batch.columns) EXPECT_GE(c.cells.capacity(), 1000u);
  EXPECT_GE(batch.origins.capacity(), 1000u);
  EXPECT_GE(batch.payloads.capacity(), 1000u);
  EXPECT_GE(batch.keys.capacity(), 1000u);
  EXPECT_EQ(batch.rows(), 0u);
}

TEST(BatchTest, TextAndPayloadPointAtTheirBytes) {
  Batch batch(0);
  const char* payload = batch.arena.append("{\"a\":\"xy\"}");
  batch.payloads.push_back({payload, 10});
  batch.keys.push_back({});
  batch.origins.emplace_back();
  Cell c = Cell::text(ValueKind::String, payload + 6, 2);
  EXPECT_EQ(batch.text(c), "xy");
  EXPECT_EQ(batch.payload(0), "{\"a\":\"xy\"}");
  EXPECT_EQ(batch.key(0), "");
  Cell added = batch.add_text(ValueKind::String, "zz");
  EXPECT_EQ(batch.text(added), "zz");
  EXPECT_EQ(batch.text(c), "xy");  // earlier texts stay where they were
}

TEST(BatchTest, ResetAndDestructionReleaseTheKeeper) {
  struct CountingKeeper : PayloadKeeper {
    explicit CountingKeeper(int& r) : releases(r) {}
    void release() override { ++releases; }
    int& releases;
  };
  int releases = 0;
  {
    Batch batch(1);
    batch.keeper = std::make_unique<CountingKeeper>(releases);
    batch.reset();
    EXPECT_EQ(releases, 1);
    Batch moved = std::move(batch);
    moved.reset();
    EXPECT_EQ(releases, 2);
  }
}

TEST(TextArenaTest, BytesNeverMoveAndClearReusesChunks) {
  TextArena arena;
  std::vector<std::pair<const char*, std::string>> written;
  for (int i = 0; i < 5000; ++i) {
    std::string s(static_cast<size_t>(i % 700) + 1, static_cast<char>('a' + i % 26));
    written.emplace_back(arena.append(s), s);
  }
  const char* big = arena.append(std::string(3 * TextArena::kChunkSize, 'b'));  // own chunk
  for (const auto& [p, s] : written) ASSERT_EQ(std::string_view(p, s.size()), s);
  EXPECT_EQ(big[3 * TextArena::kChunkSize - 1], 'b');
  const size_t capacity = arena.capacity();
  EXPECT_GE(capacity, arena.size());
  arena.clear();
  EXPECT_EQ(arena.size(), 0u);
  EXPECT_EQ(arena.append("x"), written.front().first);
  for (int i = 0; i < 5000; ++i) arena.append(written[static_cast<size_t>(i)].second);
  arena.append(std::string(3 * TextArena::kChunkSize, 'c'));
  EXPECT_EQ(arena.capacity(), capacity);  // the same amount again needs no new chunk
  EXPECT_EQ(arena.allocate(0), arena.allocate(0));
}

}  // namespace
}  // namespace sluice
