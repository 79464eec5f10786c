#include "clickhouse/result_decoder.h"

#include <gtest/gtest.h>

#include "base/varint.h"
#include "clickhouse/memory_transport.h"
#include "clickhouse/value_text.h"

namespace sluice::clickhouse {
namespace {

using Values = std::vector<std::optional<std::string>>;

std::string str(std::string_view s) {
  std::string out;
  append_binary_string(out, s);
  return out;
}

std::string u64(uint64_t v) {
  std::string out;
  append_fixed(out, v);
  return out;
}

const std::string kInfo("\x01\x00\x02\xff\xff\xff\xff\x00", 8);

// Decodes a one-column block whose data is `data`.
Result<Values> decode(std::string_view type, size_t rows, const std::string& data,
                      uint64_t revision = 54412) {
  auto state = std::make_shared<MemoryTransport::State>();
  std::string block = kInfo;
  append_varuint(block, 1);
  append_varuint(block, rows);
  state->to_client = block + str("c") + str(type) + data;
  MemoryTransport transport(state);
  WireReader reader(transport, std::chrono::milliseconds(1000));
  DecodedBlock out;
  Status st = ResultDecoder(revision).read_block(reader, out);
  if (!st.ok()) return st.error();
  if (!state->to_client.empty()) return Error(ErrorCode::Internal, "bytes left over");
  return out.values.at(0);
}

TEST(ResultDecoderTest, NullableArrayTuple) {
  auto v = decode("Nullable(String)", 2, std::string("\x01\x00", 2) + str("") + str("a"));
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{std::nullopt, "a"}));

  v = decode("Array(Nullable(Int32))", 2,
             u64(2) + u64(2) + std::string("\x01\x00", 2) + std::string("\0\0\0\0\x05\0\0\0", 8));
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{"[NULL,5]", "[]"}));

  v = decode("Tuple(UInt8, String)", 1, std::string("\x07", 1) + str("it's"));
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{"(7,'it\\'s')"}));
}

// The protocol reference's example ['a', NULL, '', 'b'] as LowCardinality(Nullable(String)).
TEST(ResultDecoderTest, LowCardinalityNullable) {
  std::string data = u64(1) + u64(0x600) + u64(4) + str("") + str("") + str("a") + str("b") +
                     u64(4) + std::string("\x02\x00\x01\x03", 4);
  auto v = decode("LowCardinality(Nullable(String))", 4, data);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{"a", std::nullopt, "", "b"}));
}

// 18.16 (revision 54412) writes a zero-row granule for an all-empty Array(LowCardinality).
TEST(ResultDecoderTest, LegacyEmptyLowCardinalityGranule) {
  std::string prefix_and_offsets = u64(1) + u64(0) + u64(0);
  std::string granule = u64(0x600) + u64(1) + str("") + u64(0);
  auto v = decode("Array(LowCardinality(String))", 2, prefix_and_offsets + granule, 54412);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{"[]", "[]"}));
  // Newer servers write nothing there.
  v = decode("Array(LowCardinality(String))", 2, prefix_and_offsets, 54450);
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v.value(), (Values{"[]", "[]"}));
}

TEST(ResultDecoderTest, UuidDecimalEnumDateTime) {
  std::string uuid("\x33\x33\x22\x22\x11\x11\x11\x11\x55\x55\x55\x55\x55\x55\x44\x44", 16);
  auto v = decode("UUID", 1, uuid);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), (Values{"11111111-2222-3333-4444-555555555555"}));
  v = decode("Decimal(18, 4)", 1, u64(static_cast<uint64_t>(-123000)));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), (Values{"-12.3000"}));
  v = decode("Enum8('a' = 1, 'b\\'x' = -2)", 2, std::string("\x01\xfe", 2));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), (Values{"a", "b'x"}));
  v = decode("DateTime('Europe/Moscow')", 1, std::string("\x00\xf1\x53\x65", 4));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), (Values{"2023-11-14 22:13:20"}));
  v = decode("FixedString(3)", 1, std::string("ab\0", 3));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value(), (Values{std::string("ab\0", 3)}));
}

TEST(ResultDecoderTest, RejectsUnsupportedAndMalformed) {
  EXPECT_EQ(decode("Map(String, UInt8)", 1, u64(0)).error().code(), ErrorCode::Protocol);
  EXPECT_FALSE(decode("String", 2, str("only one")).ok());
  EXPECT_FALSE(decode("LowCardinality(String)", 1, u64(2)).ok());  // bad key version
}

TEST(ValueTextTest, Floats) {
  EXPECT_EQ(format_float64(0.1), "0.1");
  EXPECT_EQ(format_float64(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(format_float64(1e300), "1e300");
  EXPECT_EQ(format_float64(1e21), "1e21");
  EXPECT_EQ(format_float64(1e20), "100000000000000000000");
  EXPECT_EQ(format_float64(-1.5e-7), "-1.5e-7");
  EXPECT_EQ(format_float64(0.000001), "0.000001");
  EXPECT_EQ(format_float64(-0.0), "-0");
  EXPECT_EQ(format_float64(123.25), "123.25");
  EXPECT_EQ(format_float32(0.1f), "0.1");
  EXPECT_EQ(format_float64(1.0 / 0.0), "inf");
}

TEST(ValueTextTest, DatesDecimalsQuotes) {
  EXPECT_EQ(format_date(0), "1970-01-01");
  EXPECT_EQ(format_date(65535), "2149-06-06");
  EXPECT_EQ(format_datetime(4294967295LL), "2106-02-07 06:28:15");
  EXPECT_EQ(format_decimal(5, 3), "0.005");
  EXPECT_EQ(format_decimal(-5, 0), "-5");
  EXPECT_EQ(quote_string("a'b\\c\n"), "'a\\'b\\\\c\\n'");
}

}  // namespace
}  // namespace sluice::clickhouse
