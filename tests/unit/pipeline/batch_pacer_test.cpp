#include <gtest/gtest.h>

#include "pipeline/batch_pacer.h"
#include "pipeline/batch_pool.h"

namespace sluice::pipeline {
namespace {

using namespace std::chrono_literals;
using Cut = BatchPacer::Cut;

PacingOptions options(bool adaptive) {
  PacingOptions o;
  o.max_batch_size = 1000;
  o.max_delay = 5s;
  o.max_batch_bytes = 1 << 20;
  o.adaptive = adaptive;
  o.max_adaptive_rows = 16000;
  return o;
}

TEST(BatchPacer, CutsByRowsBytesAndDelay) {
  BatchPacer p(options(false));
  EXPECT_EQ(p.should_cut(0, 0, 10s), Cut::None);
  EXPECT_EQ(p.should_cut(999, 10, 1s), Cut::None);
  EXPECT_EQ(p.should_cut(1000, 10, 1s), Cut::Rows);
  EXPECT_EQ(p.should_cut(10, 1 << 20, 1s), Cut::Bytes);
  EXPECT_EQ(p.should_cut(10, 10, 5s), Cut::Delay);
}

TEST(BatchPacer, FixedNeverGrows) {
  BatchPacer p(options(false));
  auto t = BatchPacer::Clock::now();
  for (int i = 0; i < 10; ++i) p.on_cut(Cut::Rows, 1000, t + i * 10ms);
  EXPECT_EQ(p.row_limit(), 1000u);
}

TEST(BatchPacer, AdaptiveGrowsToAboutOneInsertPerSecondAndShrinksBack) {
  BatchPacer p(options(true));
  auto t = BatchPacer::Clock::now();
  // 100k records/s: a 1000-row batch fills every 10 ms.
  for (int i = 0; i < 20; ++i) {
    t += std::chrono::milliseconds(p.row_limit() / 100);
    p.on_cut(Cut::Rows, p.row_limit(), t);
  }
  EXPECT_EQ(p.row_limit(), 16000u);  // capped by max_adaptive_rows
  // The rate drops: batches are cut by the delay with few rows.
  p.on_cut(Cut::Delay, 300, t + 5s);
  EXPECT_EQ(p.row_limit(), 1000u);  // never below max_batch_size
  // The latency bound holds whatever the limit.
  EXPECT_EQ(p.should_cut(1, 1, 5s), Cut::Delay);
}

TEST(BatchPool, RecyclesCleared) {
  BatchPool pool(2, 3, "topic");
  Batch b = pool.take();
  ASSERT_EQ(b.columns.size(), 3u);
  ASSERT_EQ(b.topics, std::vector<std::string>{"topic"});
  const char* arena = b.arena.append(std::string(1 << 16, 'x'));
  b.advance(0, Partition{1}, Offset{5});
  pool.give(std::move(b));
  Batch again = pool.take();
  EXPECT_EQ(pool.reused(), 1u);
  EXPECT_EQ(again.arena.size(), 0u);
  EXPECT_TRUE(again.positions.empty());
  EXPECT_EQ(again.arena.append("y"), arena);  // same memory, not a fresh allocation
  EXPECT_EQ(again.topics, std::vector<std::string>{"topic"});
}

}  // namespace
}  // namespace sluice::pipeline
