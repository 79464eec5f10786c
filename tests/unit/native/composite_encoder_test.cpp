#include <gtest/gtest.h>

#include <string>

#include "native_test_util.h"

namespace sluice::native {
namespace {

using testing::BatchBuilder;
using testing::encode_column;
using testing::hex;
using testing::norm;

TEST(NullableEncoder, NullMapThenNestedWithDefaults) {
  BatchBuilder b;
  b.row({Cell::int64(5)});
  b.row({Cell::null()});
  b.row({Cell::missing()});
  b.row({Cell::int64(300)});
  testing::ColumnOutput out = encode_column("Nullable(Int32)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("00 01 01 00 | 05 00 00 00 | 00 00 00 00 | 00 00 00 00 | 2c 01 00 00"));

  BatchBuilder s;
  s.row({s.str("a")});
  s.row({Cell::null()});
  EXPECT_EQ(encode_column("Nullable(String)", s).hex, norm("00 01 | 01 61 | 00"));
}

TEST(NullableEncoder, NestedFailureIsTheRowsFailure) {
  BatchBuilder b;
  b.row({Cell::null()});
  b.row({b.str("x")});
  testing::ColumnOutput out = encode_column("Nullable(UInt8)", b);
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_EQ(out.failures[0].position, 1u);
  EXPECT_FALSE(out.failures[0].absent);
  EXPECT_EQ(out.failures[0].detail, "value \"x\" is not an integer");
}

TEST(ArrayEncoder, ReferenceExample) {
  // [[a,b],[],[c]] -> offsets 2,2,3 then the flattened strings.
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  Cell a = b.str("a"), bb = b.str("b"), c = b.str("c");
  b.row({BatchBuilder::arr(col, {a, bb})});
  b.row({BatchBuilder::arr(col, {})});
  b.row({BatchBuilder::arr(col, {c})});
  testing::ColumnOutput out = encode_column("Array(String)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("02 00 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 |"
                          "03 00 00 00 00 00 00 00 | 01 61 01 62 01 63"));
}

TEST(ArrayEncoder, NestedArrays) {
  // [[[1,2],[3]], []] as Array(Array(UInt8)).
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  Column& inner = col.element_column();
  Cell i12 = BatchBuilder::arr(inner, {Cell::int64(1), Cell::int64(2)});
  Cell i3 = BatchBuilder::arr(inner, {Cell::int64(3)});
  b.row({BatchBuilder::arr(col, {i12, i3})});
  b.row({BatchBuilder::arr(col, {})});
  testing::ColumnOutput out = encode_column("Array(Array(UInt8))", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("02 00 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 |"
                          "02 00 00 00 00 00 00 00 | 03 00 00 00 00 00 00 00 | 01 02 03"));
}

TEST(ArrayEncoder, NullableElements) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  b.row({BatchBuilder::arr(col, {Cell::int64(1), Cell::null()})});
  EXPECT_EQ(encode_column("Array(Nullable(Int32))", b).hex,
            norm("02 00 00 00 00 00 00 00 | 00 01 | 01 00 00 00 00 00 00 00"));
}

TEST(ArrayEncoder, FailuresMapToTheirRow) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  b.row({BatchBuilder::arr(col, {Cell::int64(1)})});
  b.row({BatchBuilder::arr(col, {Cell::int64(2), Cell::int64(300)})});
  b.row({BatchBuilder::arr(col, {Cell::null()})});
  b.row({Cell::missing()});
  b.row({b.str("[1]")});
  b.row({BatchBuilder::arr(col, {})});
  testing::ColumnOutput out = encode_column("Array(Int8)", b);
  ASSERT_EQ(out.failures.size(), 4u);
  // The value's own problems come first, the elements' after the nested column is written.
  EXPECT_EQ(out.failures[0].position, 3u);
  EXPECT_TRUE(out.failures[0].absent);
  EXPECT_EQ(out.failures[0].detail, "is missing");
  EXPECT_EQ(out.failures[1].position, 4u);
  EXPECT_EQ(out.failures[1].detail, "value \"[1]\" is not an array");
  EXPECT_EQ(out.failures[2].position, 1u);
  EXPECT_FALSE(out.failures[2].absent);
  EXPECT_EQ(out.failures[2].detail, "element 1: value 300 out of range");
  EXPECT_EQ(out.failures[3].position, 2u);
  EXPECT_EQ(out.failures[3].detail, "element 0 is null and Int8 is not Nullable");
}

TEST(LowCardinalityEncoder, ReferenceExampleString) {
  BatchBuilder b;
  b.row({b.str("x")});
  EXPECT_EQ(encode_column("LowCardinality(String)", b).hex,
            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                 "02 00 00 00 00 00 00 00 | 00 01 78 | 01 00 00 00 00 00 00 00 | 01"));
}

TEST(LowCardinalityEncoder, ReferenceExampleNullable) {
  // ['a', NULL, '', 'b'] -> keys (NULL), "", "a", "b"; indexes 2 0 1 3.
  BatchBuilder b;
  b.row({b.str("a")});
  b.row({Cell::null()});
  b.row({b.str("")});
  b.row({b.str("b")});
  EXPECT_EQ(encode_column("LowCardinality(Nullable(String))", b).hex,
            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                 "04 00 00 00 00 00 00 00 | 00 00 01 61 01 62 |"
                 "04 00 00 00 00 00 00 00 | 02 00 01 03"));
}

TEST(LowCardinalityEncoder, RepeatedValuesShareKeysAndAbsentFails) {
  BatchBuilder b;
  b.row({b.str("k")});
  b.row({b.str("k")});
  b.row({Cell::int64(7)});
  b.row({Cell::missing()});
  testing::ColumnOutput out = encode_column("LowCardinality(String)", b);
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_EQ(out.failures[0].position, 3u);
  EXPECT_EQ(out.hex, norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                          "03 00 00 00 00 00 00 00 | 00 01 6b 01 37 |"
                          "04 00 00 00 00 00 00 00 | 01 01 02 00"));
}

TEST(LowCardinalityEncoder, WideIndexes) {
  BatchBuilder b;
  std::string keys;
  std::string indexes;
  for (int i = 0; i < 300; ++i) {
    std::string v = std::to_string(1000 + i);
    b.row({b.str(v)});
    keys += "04" + hex(v);
    indexes += hex(std::string{static_cast<char>((i + 1) & 0xff), static_cast<char>((i + 1) >> 8)});
  }
  // 301 keys ("" first) need UInt16 indexes: width 1.
  EXPECT_EQ(
      encode_column("LowCardinality(String)", b).hex,
      norm("01 00 00 00 00 00 00 00 | 01 06 00 00 00 00 00 00 | 2d 01 00 00 00 00 00 00 | 00") +
          keys + norm("2c 01 00 00 00 00 00 00") + indexes);
}

TEST(LowCardinalityEncoder, InsideArray) {
  // [a,b],[],[a]: prefix first, then the offsets, then the LC body for 3 values.
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  Cell a = b.str("a"), bb = b.str("b");
  b.row({BatchBuilder::arr(col, {a, bb})});
  b.row({BatchBuilder::arr(col, {})});
  b.row({BatchBuilder::arr(col, {a})});
  EXPECT_EQ(encode_column("Array(LowCardinality(String))", b).hex,
            norm("01 00 00 00 00 00 00 00 |"
                 "02 00 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 | 03 00 00 00 00 00 00 00 |"
                 "00 06 00 00 00 00 00 00 | 03 00 00 00 00 00 00 00 | 00 01 61 01 62 |"
                 "03 00 00 00 00 00 00 00 | 01 02 01"));
}

TEST(LowCardinalityEncoder, InsideArrayAllEmptyWritesNoGranule) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  b.row({BatchBuilder::arr(col, {})});
  b.row({BatchBuilder::arr(col, {})});
  EXPECT_EQ(encode_column("Array(LowCardinality(String))", b).hex,
            norm("01 00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 00"));
}

TEST(EncoderFactory, EveryParsedTypeHasAnEncoder) {
  for (const char* type :
       {"Map(String, UInt8)", "Tuple(UInt8, String)", "Int128", "UInt256", "IPv4", "IPv6",
        "Decimal(40, 2)", "Decimal256(10)", "LowCardinality(UInt8)",
        "LowCardinality(Nullable(FixedString(4)))", "Map(String, Map(String, Array(IPv6)))",
        "Array(Tuple(a Date32, b DateTime64(6, 'UTC')))", "LowCardinality(Nullable(UUID))"}) {
    Result<TypeDesc> desc = parse_type(type);
    ASSERT_TRUE(desc.ok()) << type;
    Result<std::unique_ptr<ColumnEncoder>> encoder = make_encoder(desc.value());
    EXPECT_TRUE(encoder.ok()) << type;
  }
}

}  // namespace
}  // namespace sluice::native
