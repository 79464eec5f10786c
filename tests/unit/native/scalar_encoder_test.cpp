#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "base/varint.h"
#include "native_test_util.h"

namespace sluice::native {
namespace {

using testing::BatchBuilder;
using testing::encode_column;
using testing::encode_one;
using testing::fail_one;
using testing::hex;
using testing::norm;

TEST(StringEncoder, StringsAndObjects) {
  BatchBuilder b;
  b.row({b.str("ab")});
  b.row({b.str("")});
  b.row({b.obj(R"({"a":1})")});
  std::string long_text(200, 'x');
  b.row({b.str(long_text)});
  testing::ColumnOutput out = encode_column("String", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("02 61 62 | 00 | 07 7b 22 61 22 3a 31 7d | c8 01") + hex(long_text));
}

TEST(StringEncoder, NumbersBoolsAndArraysAsJsonText) {
  BatchBuilder b;
  EXPECT_EQ(encode_one("String", b, Cell::int64(-5)), norm("02 2d 35"));
  BatchBuilder b2;
  EXPECT_EQ(encode_one("String", b2, Cell::uint64(UINT64_MAX)),
            norm("14") + hex("18446744073709551615"));
  BatchBuilder b3;
  EXPECT_EQ(encode_one("String", b3, Cell::float64(3.0)), norm("03 33 2e 30"));  // "3.0"
  BatchBuilder b4;
  EXPECT_EQ(encode_one("String", b4, Cell::float64(2.5)), norm("03 32 2e 35"));
  BatchBuilder b5;
  EXPECT_EQ(encode_one("String", b5, Cell::float64(1e300)), norm("06") + hex("1e+300"));
  BatchBuilder b6;
  EXPECT_EQ(encode_one("String", b6, Cell::boolean(true)), norm("04 74 72 75 65"));

  BatchBuilder a;
  Column& col = a.batch.columns[0];
  Cell inner = BatchBuilder::arr(col.element_column(), {Cell::int64(7)});
  Cell arr =
      BatchBuilder::arr(col, {Cell::int64(1), a.str("x\"y\n"), Cell::null(), Cell::boolean(false),
                              Cell::float64(2.5), a.obj(R"({"k":[]})"), inner});
  std::string json = R"([1,"x\"y\n",null,false,2.5,{"k":[]},[7]])";
  EXPECT_EQ(encode_one("String", a, arr),
            hex(std::string(1, static_cast<char>(json.size())) + json));
}

// A long column mixing texts of every varint width with JSON texts, absent values and
// defaults: one varint and copy per row, failures at their positions.
TEST(StringEncoder, LongColumnsOfMixedCellsAndLengths) {
  BatchBuilder b;
  std::string expected;
  std::vector<uint32_t> rows;
  std::vector<uint32_t> absent_at;
  const size_t lengths[] = {0, 1, 5, 127, 128, 300, 16383, 16384, 40};
  for (uint32_t r = 0; r < 1500; ++r) {
    rows.push_back(r);
    if (r % 97 == 13) {
      b.row({Cell::int64(r)});
      const std::string text = std::to_string(r);
      expected += static_cast<char>(text.size()) + text;
    } else if (r % 211 == 7) {
      b.row({Cell::missing()});
      expected += '\0';
      absent_at.push_back(r);
    } else if (r % 301 == 3) {
      b.row({b.str("never read")});
      rows.back() = kDefaultValue;
      expected += '\0';
    } else {
      const std::string text(lengths[r % 9], static_cast<char>('a' + r % 26));
      b.row({r % 5 == 0 ? b.obj(text) : b.str(text)});
      append_varuint(expected, text.size());
      expected += text;
    }
  }
  Result<std::unique_ptr<ColumnEncoder>> encoder = make_encoder(parse_type("String").value());
  ASSERT_TRUE(encoder.ok());
  std::string bytes = "prefix";
  std::vector<EncodeFailure> failures;
  encoder.value()->write_body(ColumnSlice{b.batch, b.batch.columns[0], rows}, bytes, failures);
  EXPECT_EQ(bytes, "prefix" + expected);
  ASSERT_EQ(failures.size(), absent_at.size());
  for (size_t i = 0; i < failures.size(); ++i) EXPECT_EQ(failures[i].position, absent_at[i]);
}

TEST(StringEncoder, AbsentFails) {
  BatchBuilder b;
  b.row({Cell::missing()});
  b.row({Cell::null()});
  testing::ColumnOutput out = encode_column("String", b);
  ASSERT_EQ(out.failures.size(), 2u);
  EXPECT_TRUE(out.failures[0].absent);
  EXPECT_EQ(out.failures[0].detail, "is missing");
  EXPECT_EQ(out.failures[1].position, 1u);
  EXPECT_EQ(out.failures[1].detail, "is null");
  EXPECT_EQ(out.hex, norm("00 00"));  // the column keeps its shape
}

TEST(FixedStringEncoder, PadsAndRejectsLongValues) {
  BatchBuilder b;
  b.row({b.str("ab")});
  b.row({b.str("abcd")});
  b.row({b.str("")});
  testing::ColumnOutput out = encode_column("FixedString(4)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("61 62 00 00 | 61 62 63 64 | 00 00 00 00"));

  BatchBuilder c;
  EXPECT_EQ(fail_one("FixedString(4)", c, c.str("abcde")),
            "value \"abcde\" is longer than 4 bytes (5)");
  BatchBuilder d;
  EXPECT_EQ(fail_one("FixedString(4)", d, Cell::int64(12)), "value 12 is not a string");
}

TEST(IntegerEncoder, Widths) {
  BatchBuilder b;
  b.row({Cell::int64(-128)});
  b.row({Cell::int64(127)});
  EXPECT_EQ(encode_column("Int8", b).hex, norm("80 7f"));
  BatchBuilder u16;
  EXPECT_EQ(encode_one("UInt16", u16, Cell::int64(65535)), norm("ff ff"));
  BatchBuilder i32;
  EXPECT_EQ(encode_one("Int32", i32, Cell::int64(-2)), norm("fe ff ff ff"));
  BatchBuilder u32;
  EXPECT_EQ(encode_one("UInt32", u32, Cell::int64(4294967295)), norm("ff ff ff ff"));
  BatchBuilder i64;
  EXPECT_EQ(encode_one("Int64", i64, Cell::int64(INT64_MIN)), norm("00 00 00 00 00 00 00 80"));
  BatchBuilder u64;
  EXPECT_EQ(encode_one("UInt64", u64, Cell::uint64(UINT64_MAX)), norm("ff ff ff ff ff ff ff ff"));
}

TEST(IntegerEncoder, Conversions) {
  BatchBuilder f;
  EXPECT_EQ(encode_one("Int32", f, Cell::float64(3.0)), norm("03 00 00 00"));
  BatchBuilder nz;
  EXPECT_EQ(encode_one("UInt8", nz, Cell::float64(-0.0)), norm("00"));
  BatchBuilder big;
  EXPECT_EQ(encode_one("UInt64", big, Cell::float64(1e19)), norm("00 00 e8 89 04 23 c7 8a"));
  BatchBuilder t;
  EXPECT_EQ(encode_one("UInt8", t, Cell::boolean(true)), norm("01"));
  BatchBuilder s;
  EXPECT_EQ(encode_one("Int16", s, s.str("404")), norm("94 01"));
  BatchBuilder sn;
  EXPECT_EQ(encode_one("Int16", sn, sn.str("-2")), norm("fe ff"));
  BatchBuilder su;
  EXPECT_EQ(encode_one("UInt64", su, su.str("18446744073709551615")),
            norm("ff ff ff ff ff ff ff ff"));
}

TEST(IntegerEncoder, Failures) {
  struct Case {
    const char* type;
    Cell cell;
    const char* detail;
  };
  BatchBuilder text;
  const Case cases[] = {
      {"Int8", Cell::int64(300), "value 300 out of range"},
      {"Int8", Cell::int64(-129), "value -129 out of range"},
      {"UInt8", Cell::int64(256), "value 256 out of range"},
      {"UInt8", Cell::int64(-1), "value -1 is negative"},
      {"UInt64", Cell::int64(-1), "value -1 is negative"},
      {"Int64", Cell::uint64(9223372036854775808ULL), "value 9223372036854775808 out of range"},
      {"Int32", Cell::float64(3.7), "value 3.7 is not a whole number"},
      {"UInt32", Cell::float64(-3.0), "value -3.0 is negative"},
      {"Int64", Cell::float64(9223372036854775808.0), "value 9223372036854775808.0 out of range"},
      {"UInt64", Cell::float64(18446744073709551616.0),
       "value 18446744073709551616.0 out of range"},
      {"Int32", text.str("4x"), "value \"4x\" is not an integer"},
      {"Int32", text.str("3.0"), "value \"3.0\" is not an integer"},
      {"Int32", text.str(" 4"), "value \" 4\" is not an integer"},
      {"Int8", text.str("-129"), "value \"-129\" out of range"},
      {"UInt8", text.str("-1"), "value \"-1\" is negative"},
      {"Int32", text.obj("{}"), "value {} cannot be converted to an integer"},
  };
  for (const Case& c : cases) {
    BatchBuilder b;
    EXPECT_EQ(fail_one(c.type, b, c.cell), c.detail) << c.type;
  }
}

TEST(FloatEncoder, Values) {
  BatchBuilder f32;
  EXPECT_EQ(encode_one("Float32", f32, Cell::float64(1.5)), norm("00 00 c0 3f"));
  BatchBuilder f64;
  EXPECT_EQ(encode_one("Float64", f64, Cell::float64(1.5)), norm("00 00 00 00 00 00 f8 3f"));
  BatchBuilder i;
  EXPECT_EQ(encode_one("Float64", i, Cell::int64(2)), norm("00 00 00 00 00 00 00 40"));
  BatchBuilder s;
  EXPECT_EQ(encode_one("Float64", s, s.str("-2e3")), norm("00 00 00 00 00 40 9f c0"));
  BatchBuilder max;  // rounds to FLT_MAX, still in range
  EXPECT_EQ(encode_one("Float32", max, Cell::float64(3.4028235e38)), norm("ff ff 7f 7f"));

  BatchBuilder over;
  EXPECT_EQ(fail_one("Float32", over, Cell::float64(1e39)), "value 1e+39 out of range");
  BatchBuilder bad;
  EXPECT_EQ(fail_one("Float64", bad, bad.str("abc")), "value \"abc\" is not a number");
  BatchBuilder inf;
  EXPECT_EQ(fail_one("Float64", inf, inf.str("inf")), "value \"inf\" is not a number");
  BatchBuilder bl;
  EXPECT_EQ(fail_one("Float64", bl, Cell::boolean(true)),
            "value true cannot be converted to a float");
}

TEST(BoolEncoder, Values) {
  BatchBuilder b;
  b.row({Cell::boolean(true)});
  b.row({Cell::boolean(false)});
  b.row({Cell::int64(1)});
  b.row({b.str("false")});
  EXPECT_EQ(encode_column("Bool", b).hex, norm("01 00 01 00"));
  BatchBuilder two;
  EXPECT_EQ(fail_one("Bool", two, Cell::int64(2)), "value 2 is not 0 or 1");
}

TEST(DateTimeEncoder, DateTimeFromStrings) {
  BatchBuilder b;
  b.row({b.str("2026-02-16T17:57:04.572864Z")});  // fraction dropped
  b.row({b.str("2024-01-15T12:30:00+02:00")});
  b.row({b.str("2024-01-15 10:30:00")});
  b.row({b.str("1970-01-01")});
  b.row({b.str("2106-02-07T06:28:15Z")});
  testing::ColumnOutput out = encode_column("DateTime('Europe/Berlin')", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("70 5a 93 69 | 28 09 a5 65 | 28 09 a5 65 | 00 00 00 00 | ff ff ff ff"));
}

TEST(DateTimeEncoder, DateTimeFromEpochNumbers) {
  BatchBuilder b;
  b.row({Cell::int64(1705314600)});
  b.row({Cell::int64(1705314600123)});
  b.row({Cell::int64(1705314600123456)});
  b.row({Cell::int64(1705314600123456789)});
  b.row({Cell::float64(1705314600.9)});
  b.row({Cell::float64(1705314600123.0)});
  b.row({b.str("1705314600")});
  testing::ColumnOutput out = encode_column("DateTime", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("28 09 a5 65 | 28 09 a5 65 | 28 09 a5 65 | 28 09 a5 65 | 28 09 a5 65 | "
                          "28 09 a5 65 | 28 09 a5 65"));
}

TEST(DateTimeEncoder, DateTimeFailures) {
  const std::string range =
      " out of range for DateTime (1970-01-01 00:00:00 to 2106-02-07 06:28:15 UTC)";
  BatchBuilder a;
  EXPECT_EQ(fail_one("DateTime", a, a.str("1969-12-31T23:59:59Z")),
            "value \"1969-12-31T23:59:59Z\"" + range);
  BatchBuilder b;
  EXPECT_EQ(fail_one("DateTime", b, b.str("2106-02-07T06:28:16Z")),
            "value \"2106-02-07T06:28:16Z\"" + range);
  BatchBuilder c;
  EXPECT_EQ(fail_one("DateTime", c, Cell::int64(-1)), "value -1" + range);
  BatchBuilder d;
  EXPECT_EQ(fail_one("DateTime", d, d.str("2024-13-01")),
            "value \"2024-13-01\" is not a date-time (expected RFC 3339 / ISO-8601, RFC "
            "1123/822/850, ANSIC, MM/DD/YYYY, DD.MM.YYYY, YYYY/MM/DD, \"Jan 2, 2006\", \"2 Jan "
            "2006\" or an epoch number)");
  BatchBuilder e;
  EXPECT_EQ(fail_one("DateTime", e, Cell::boolean(true)),
            "value true cannot be converted to a date-time");
  BatchBuilder f;
  EXPECT_EQ(fail_one("DateTime", f, Cell::uint64(UINT64_MAX)),
            "value 18446744073709551615 out of range");
}

TEST(DateTimeEncoder, Date) {
  BatchBuilder b;
  b.row({b.str("2024-01-15")});
  b.row({b.str("2024-01-15T23:30:00-05:00")});  // the UTC day: 2024-01-16
  b.row({Cell::int64(1705314600)});             // an epoch instant, not a day count
  b.row({b.str("2149-06-06")});
  b.row({b.str("1970-01-01T00:00:00Z")});
  testing::ColumnOutput out = encode_column("Date", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("19 4d | 1a 4d | 19 4d | ff ff | 00 00"));

  BatchBuilder over;
  EXPECT_EQ(fail_one("Date", over, over.str("2149-06-07")),
            "value \"2149-06-07\" out of range for Date (1970-01-01 to 2149-06-06)");
  BatchBuilder under;
  EXPECT_EQ(fail_one("Date", under, under.str("1969-12-31T23:59:59Z")),
            "value \"1969-12-31T23:59:59Z\" out of range for Date (1970-01-01 to 2149-06-06)");
}

TEST(DateTimeEncoder, Date32AndDateTime64) {
  BatchBuilder d32;
  EXPECT_EQ(encode_one("Date32", d32, d32.str("1900-01-01")), norm("21 9c ff ff"));
  BatchBuilder dt64;
  EXPECT_EQ(encode_one("DateTime64(3, 'UTC')", dt64, dt64.str("2024-01-15T10:30:00.123456Z")),
            norm("bb c4 ab 0c 8d 01 00 00"));  // 1705314600123 ms
  BatchBuilder dt64ms;
  EXPECT_EQ(encode_one("DateTime64(3)", dt64ms, Cell::int64(1705314600123)),
            norm("bb c4 ab 0c 8d 01 00 00"));
}

TEST(UuidEncoder, ReferenceExample) {
  BatchBuilder b;
  b.row({b.str("11111111-2222-3333-4444-555555555555")});
  b.row({b.str("ABCDEF01-abcd-EF01-2345-6789abcdef01")});
  testing::ColumnOutput out = encode_column("UUID", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("33 33 22 22 11 11 11 11  55 55 55 55 55 55 44 44 |"
                          "01 ef cd ab 01 ef cd ab  01 ef cd ab 89 67 45 23"));
  BatchBuilder bad;
  EXPECT_EQ(fail_one("UUID", bad, bad.str("xyz")),
            "value \"xyz\" is not a UUID (expected 8-4-4-4-12 hex digits)");
  BatchBuilder num;
  EXPECT_EQ(fail_one("UUID", num, Cell::int64(1)), "value 1 is not a UUID string");
}

TEST(EnumEncoder, NamesAndValues) {
  BatchBuilder b;
  b.row({b.str("b")});
  b.row({Cell::int64(1)});
  b.row({b.str("neg")});
  EXPECT_EQ(encode_column("Enum8('a' = 1, 'b' = 2, 'neg' = -1)", b).hex, norm("02 01 ff"));
  BatchBuilder e16;
  EXPECT_EQ(encode_one("Enum16('x' = 1000)", e16, e16.str("x")), norm("e8 03"));
  BatchBuilder name;
  EXPECT_EQ(fail_one("Enum8('a' = 1)", name, name.str("c")),
            "value \"c\" is not one of the enum's names");
  BatchBuilder value;
  EXPECT_EQ(fail_one("Enum8('a' = 1)", value, Cell::int64(3)),
            "value 3 is not one of the enum's values");
  BatchBuilder wide;
  EXPECT_EQ(fail_one("Enum8('a' = 1)", wide, Cell::int64(100000)), "value 100000 out of range");
}

TEST(DecimalEncoder, Widths) {
  BatchBuilder b;
  b.row({b.str("12.34")});
  b.row({Cell::int64(5)});
  b.row({Cell::float64(0.1)});
  b.row({b.str("1.230")});
  EXPECT_EQ(encode_column("Decimal(9, 2)", b).hex,
            norm("d2 04 00 00 | f4 01 00 00 | 0a 00 00 00 | 7b 00 00 00"));
  BatchBuilder d64;
  EXPECT_EQ(encode_one("Decimal(18, 4)", d64, d64.str("-1.5")), norm("68 c5 ff ff ff ff ff ff"));
  BatchBuilder d128;
  EXPECT_EQ(encode_one("Decimal128(0)", d128, d128.str("12345678901234567890123")),
            norm("cb 44 42 71 76 4e b6 42 9d 02 00 00 00 00 00 00"));
}

TEST(DecimalEncoder, Failures) {
  BatchBuilder a;
  EXPECT_EQ(fail_one("Decimal(9, 2)", a, a.str("1.234")),
            "value \"1.234\" has more decimal places than the column's scale");
  BatchBuilder b;
  EXPECT_EQ(fail_one("Decimal(5, 2)", b, Cell::int64(1000)),
            "value 1000 out of range for the column's precision");
  BatchBuilder c;
  EXPECT_EQ(fail_one("Decimal(9, 2)", c, Cell::float64(0.125)),
            "value 0.125 has more decimal places than the column's scale");
  BatchBuilder d;
  EXPECT_EQ(fail_one("Decimal(9, 2)", d, Cell::boolean(true)),
            "value true cannot be converted to a decimal");
}

}  // namespace
}  // namespace sluice::native
