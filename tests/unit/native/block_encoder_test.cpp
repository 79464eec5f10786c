#include "native/block_encoder.h"

#include <gtest/gtest.h>

#include "native_test_util.h"

namespace sluice::native {
namespace {

using testing::BatchBuilder;
using testing::hex;
using testing::norm;

BlockEncoder make(std::vector<ColumnBinding> bindings) {
  Result<BlockEncoder> r = BlockEncoder::create(std::move(bindings));
  EXPECT_TRUE(r.ok()) << r.error().message();
  return std::move(r).value();
}

TEST(BlockEncoder, ReferenceExampleBlock) {
  // Protocol reference §8.3: id UInt64 = 1, s String = 'ab', lc LowCardinality(String) = 'x',
  // without the BlockInfo that the connection writes.
  BatchBuilder b(3);
  b.row({Cell::int64(1), b.str("ab"), b.str("x")});
  BlockEncoder encoder = make({{"id", "UInt64", 0, "id"},
                               {"s", "String", 1, "s"},
                               {"lc", "LowCardinality(String)", 2, "lc"}});
  std::string out;
  std::vector<uint32_t> rows = b.all_rows();
  EXPECT_TRUE(encoder.encode(b.batch, rows, out).empty());
  EXPECT_EQ(hex(out), norm("03 | 01 |"
                           "02 6964 06 55496e743634 | 01 00 00 00 00 00 00 00 |"
                           "01 73 06 537472696e67 | 02 6162 |"
                           "02 6c63 16 4c6f7743617264696e616c69747928537472696e6729 |"
                           "01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                           "02 00 00 00 00 00 00 00 | 00 01 78 | 01 00 00 00 00 00 00 00 | 01"));
}

TEST(BlockEncoder, SelectedRowsInOrderAndFieldMapping) {
  // Fields: 0 = level (int), 1 = msg (string), 2 = tags (array). Columns in another order.
  BatchBuilder b(3);
  Column& tags = b.batch.columns[2];
  b.row({Cell::int64(1), b.str("a"), BatchBuilder::arr(tags, {b.str("t")})});
  b.row({Cell::int64(2), b.str("bb"), BatchBuilder::arr(tags, {})});
  b.row({Cell::int64(3), Cell::null(), BatchBuilder::arr(tags, {b.str("u"), b.str("v")})});
  BlockEncoder encoder = make({{"m", "Nullable(String)", 1, "msg"},
                               {"t", "Array(String)", 2, "tags"},
                               {"lvl", "Int8", 0, "level"}});
  std::vector<uint32_t> rows = {2, 0};
  std::string out = "prefix";
  EXPECT_TRUE(encoder.encode(b.batch, rows, out).empty());
  EXPECT_EQ(
      hex(out),
      hex("prefix") + norm("03 | 02 |"
                           "01 6d 10 4e756c6c61626c6528537472696e6729 | 01 00 | 00 01 61 |"
                           "01 74 0d 417272617928537472696e6729 |"
                           "02 00 00 00 00 00 00 00 | 03 00 00 00 00 00 00 00 | 01 75 01 76 01 74 |"
                           "03 6c766c 04 496e7438 | 03 01"));
}

TEST(BlockEncoder, ZeroRowsWriteNoColumnData) {
  BatchBuilder b(1);
  BlockEncoder encoder = make({{"lc", "LowCardinality(String)", 0, "f"}});
  std::string out;
  EXPECT_TRUE(encoder.encode(b.batch, {}, out).empty());
  EXPECT_EQ(hex(out), norm("01 00 02 6c63 16") + hex("LowCardinality(String)"));
}

TEST(BlockEncoder, CustomSerializationFlag) {
  BatchBuilder b(1);
  b.row({Cell::int64(7)});
  BlockEncoder encoder = make({{"n", "UInt8", 0, "n"}});
  encoder.set_write_custom_serialization_flag(true);
  std::string out;
  std::vector<uint32_t> rows = {0};
  EXPECT_TRUE(encoder.encode(b.batch, rows, out).empty());
  EXPECT_EQ(hex(out), norm("01 01 01 6e 05 5549 6e74 38 00 07"));
}

TEST(BlockEncoder, FailureDetailsNameFieldValueColumnAndType) {
  BatchBuilder b(3);
  Column& arr = b.batch.columns[2];
  b.row({Cell::int64(300), Cell::int64(1), BatchBuilder::arr(arr, {})});
  b.row({Cell::int64(5), Cell::missing(), BatchBuilder::arr(arr, {Cell::int64(1)})});
  b.row({Cell::int64(-300), Cell::null(), BatchBuilder::arr(arr, {Cell::int64(1000)})});
  b.row({Cell::int64(6), Cell::int64(2), BatchBuilder::arr(arr, {})});
  BlockEncoder encoder = make({{"level", "Int8", 0, "level"},
                               {"c", "Int32", 1, "x"},
                               {"codes", "Array(UInt8)", 2, "codes"}});
  std::string out;
  std::vector<uint32_t> rows = b.all_rows();
  std::vector<RowFailure> failures = encoder.encode(b.batch, rows, out);
  ASSERT_EQ(failures.size(), 3u);
  EXPECT_EQ(failures[0].row, 0u);
  EXPECT_EQ(failures[0].detail,
            "field \"level\": value 300 out of range for column \"level\" (Int8)");
  EXPECT_EQ(failures[1].row, 1u);
  EXPECT_EQ(failures[1].detail, "field \"x\" is missing and column \"c\" (Int32) is not Nullable");
  EXPECT_EQ(failures[2].row, 2u);
  EXPECT_EQ(
      failures[2].detail,
      "field \"level\": value -300 out of range for column \"level\" (Int8); "
      "field \"x\" is null and column \"c\" (Int32) is not Nullable; "
      "field \"codes\": element 0: value 1000 out of range for column \"codes\" (Array(UInt8))");

  // The caller drops the failed rows and encodes again.
  std::vector<uint32_t> good = {3};
  out.clear();
  EXPECT_TRUE(encoder.encode(b.batch, good, out).empty());
  EXPECT_EQ(hex(out), norm("03 01 | 05 6c6576656c 04 496e7438 06 |"
                           "01 63 05 496e743332 02 00 00 00 |"
                           "05 636f646573 0c 41727261792855496e743829 00 00 00 00 00 00 00 00"));
}

TEST(BlockEncoder, AbsentAsDefaultForOptionalFields) {
  BatchBuilder b(2);
  b.row({Cell::missing(), Cell::null()});
  b.row({Cell::int64(9), b.str("s")});
  BlockEncoder encoder = make({{"n", "UInt16", 0, "n", true}, {"s", "String", 1, "s", true}});
  std::string out;
  std::vector<uint32_t> rows = b.all_rows();
  EXPECT_TRUE(encoder.encode(b.batch, rows, out).empty());
  EXPECT_EQ(hex(out),
            norm("02 02 | 01 6e 06 55496e743136 00 00 09 00 | 01 73 06 537472696e67 00 01 73"));
}

TEST(BlockEncoder, ReusedAcrossBatches) {
  BlockEncoder encoder = make({{"lc", "LowCardinality(String)", 0, "f"}});
  for (const char* value : {"first", "second"}) {
    BatchBuilder b(1);
    b.row({b.str(value)});
    std::string out;
    std::vector<uint32_t> rows = {0};
    EXPECT_TRUE(encoder.encode(b.batch, rows, out).empty());
    std::string v(value);
    EXPECT_EQ(hex(out), norm("01 01 02 6c63 16") + hex("LowCardinality(String)") +
                            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                                 "02 00 00 00 00 00 00 00 | 00") +
                            hex(std::string(1, static_cast<char>(v.size())) + v) +
                            norm("01 00 00 00 00 00 00 00 | 01"));
  }
}

TEST(BlockEncoder, CreateErrors) {
  Result<BlockEncoder> bad = BlockEncoder::create({{"c", "Strng", 0, "f"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
  EXPECT_EQ(bad.error().message(), "column \"c\" (Strng): unknown type \"Strng\" at position 0");

  Result<BlockEncoder> unsupported =
      BlockEncoder::create({{"m", "LowCardinality(Array(String))", 0, "f"}});
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.error().message(),
            "column \"m\" (LowCardinality(Array(String))): Array(String) cannot be inside "
            "LowCardinality at position 15");

  Result<BlockEncoder> twice =
      BlockEncoder::create({{"a", "String", 0, "f"}, {"a", "UInt8", 1, "g"}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message(), "column \"a\" is mapped more than once");
}

}  // namespace
}  // namespace sluice::native
