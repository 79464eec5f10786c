#include <gtest/gtest.h>

#include <set>

#include "sink/backoff.h"
#include "sink/batch_splitter.h"
#include "sink/failure_class.h"

namespace sluice::sink {
namespace {

Error server(int code) {
  return Error(ErrorCode::ServerError, "Code: " + std::to_string(code), false, code);
}

TEST(FailureClass, ByCode) {
  EXPECT_EQ(classify_failure(Error(ErrorCode::Network, "reset", true)), FailureClass::Retryable);
  EXPECT_EQ(classify_failure(Error(ErrorCode::Timeout, "slow")), FailureClass::Retryable);
  EXPECT_EQ(classify_failure(Error(ErrorCode::ServerError, "too many parts", true, 252)),
            FailureClass::Retryable);
  EXPECT_EQ(classify_failure(server(53)), FailureClass::RowContent);   // TYPE_MISMATCH
  EXPECT_EQ(classify_failure(server(395)), FailureClass::RowContent);  // throwIf
  EXPECT_EQ(classify_failure(server(469)), FailureClass::RowContent);  // CHECK constraint
  EXPECT_EQ(classify_failure(server(60)), FailureClass::Table);        // UNKNOWN_TABLE
  EXPECT_EQ(classify_failure(server(516)), FailureClass::Table);       // AUTHENTICATION_FAILED
  EXPECT_EQ(classify_failure(server(164)), FailureClass::Table);       // READONLY
  EXPECT_EQ(classify_failure(server(12345)), FailureClass::Table);     // unknown: stop
  EXPECT_EQ(classify_failure(Error(ErrorCode::Shutdown, "stop")), FailureClass::Shutdown);
}

TEST(Backoff, DoublesUpToTheCapAndResets) {
  Backoff b(std::chrono::milliseconds(100), std::chrono::milliseconds(1000));
  std::vector<int64_t> got;
  for (int i = 0; i < 6; ++i) got.push_back(b.next().count());
  EXPECT_EQ(got, (std::vector<int64_t>{100, 200, 400, 800, 1000, 1000}));
  b.reset();
  EXPECT_EQ(b.next().count(), 100);
}

TEST(Backoff, SleepEndsEarlyOnStop) {
  std::atomic<bool> stop{true};
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sleep_unless_stopped(std::chrono::seconds(5), &stop));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
}

// Refuses any block holding a bad row (like ClickHouse refusing a whole block), or fails
// with `table_error` from the `fail_at`-th insert on.
class FakeInserter : public RowInserter {
 public:
  std::set<uint32_t> bad;
  std::vector<uint32_t> inserted;
  size_t calls = 0;
  size_t fail_at = SIZE_MAX;
  Status insert_rows(const Batch&, std::span<const uint32_t> rows) override {
    if (++calls >= fail_at) return server(60);
    for (uint32_t r : rows)
      if (bad.count(r))
        return Error(ErrorCode::ServerError, "row " + std::to_string(r) + " bad", false, 395);
    inserted.insert(inserted.end(), rows.begin(), rows.end());
    return Status::success();
  }
};

std::vector<uint32_t> iota(uint32_t n) {
  std::vector<uint32_t> v(n);
  for (uint32_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(BatchSplitter, CleanBatchIsOneInsert) {
  FakeInserter f;
  Batch batch;
  auto rows = iota(1000);
  auto out = insert_isolating_bad_rows(f, batch, rows);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->rows_written, 1000u);
  EXPECT_EQ(out->inserts, 1u);
  EXPECT_TRUE(out->rejected.empty());
}

TEST(BatchSplitter, FindsTwoBadRowsOfAThousand) {
  FakeInserter f;
  f.bad = {17, 998};
  Batch batch;
  auto rows = iota(1000);
  auto out = insert_isolating_bad_rows(f, batch, rows);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->rows_written, 998u);
  ASSERT_EQ(out->rejected.size(), 2u);
  EXPECT_EQ(out->rejected[0].row, 17u);
  EXPECT_EQ(out->rejected[1].row, 998u);
  EXPECT_EQ(out->rejected[0].error, "row 17 bad");
  std::set<uint32_t> in(f.inserted.begin(), f.inserted.end());
  EXPECT_EQ(in.size(), 998u);  // each good row exactly once
  EXPECT_FALSE(in.count(17));
  EXPECT_LE(out->inserts, 2u * 2u * 10u + 1u);  // about 2·k·log2(n)
}

TEST(BatchSplitter, AllRowsBad) {
  FakeInserter f;
  for (uint32_t i = 0; i < 7; ++i) f.bad.insert(i);
  Batch batch;
  auto rows = iota(7);
  auto out = insert_isolating_bad_rows(f, batch, rows);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->rows_written, 0u);
  EXPECT_EQ(out->rejected.size(), 7u);
}

TEST(BatchSplitter, TableErrorStopsTheSplit) {
  FakeInserter f;
  f.bad = {3};
  f.fail_at = 3;  // the table goes away in the middle of the search
  Batch batch;
  auto rows = iota(16);
  auto out = insert_isolating_bad_rows(f, batch, rows);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().server_code(), 60);
  EXPECT_EQ(classify_failure(out.error()), FailureClass::Table);
}

}  // namespace
}  // namespace sluice::sink
