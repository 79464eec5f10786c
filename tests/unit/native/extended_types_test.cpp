#include <gtest/gtest.h>

#include <string>

#include "native/date_time_text.h"
#include "native/ip_encoder.h"
#include "native_test_util.h"

namespace sluice::native {
namespace {

using testing::BatchBuilder;
using testing::encode_column;
using testing::encode_one;
using testing::fail_one;
using testing::norm;

std::string repeat(const char* byte_hex, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += byte_hex;
  return out;
}

// --- Int128 / UInt128 / Int256 / UInt256 ---------------------------------------------------

TEST(WideIntegerEncoder, FromIntegers) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("Int128", a, Cell::int64(-1)), repeat("ff", 16));
  BatchBuilder b;
  EXPECT_EQ(encode_one("Int256", b, Cell::int64(1)), "01" + repeat("00", 31));
  BatchBuilder c;
  EXPECT_EQ(encode_one("UInt128", c, Cell::uint64(UINT64_MAX)), repeat("ff", 8) + repeat("00", 8));
  BatchBuilder d;
  EXPECT_EQ(encode_one("Int128", d, Cell::int64(INT64_MIN)), "0000000000000080" + repeat("ff", 8));
  BatchBuilder e;
  EXPECT_EQ(encode_one("UInt256", e, Cell::boolean(true)), "01" + repeat("00", 31));
}

TEST(WideIntegerEncoder, FromDecimalStringsExactly) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("Int128", a, a.str("170141183460469231731687303715884105727")),
            repeat("ff", 15) + "7f");
  BatchBuilder b;
  EXPECT_EQ(encode_one("Int128", b, b.str("-170141183460469231731687303715884105728")),
            repeat("00", 15) + "80");
  BatchBuilder c;
  EXPECT_EQ(encode_one("UInt256", c,
                       c.str("115792089237316195423570985008687907853269984665640564039457584007"
                             "913129639935")),
            repeat("ff", 32));
  BatchBuilder d;
  EXPECT_EQ(encode_one("Int256", d,
                       d.str("-57896044618658097711785492504343953926634992332820282019728792003"
                             "956564819968")),
            repeat("00", 31) + "80");
  BatchBuilder e;
  EXPECT_EQ(encode_one("UInt128", e, e.str("1e20")), norm("000010632d5ec76b0500000000000000"));
  BatchBuilder f;  // whole floats by their shortest text
  EXPECT_EQ(encode_one("Int128", f, Cell::float64(1e20)), norm("000010632d5ec76b0500000000000000"));
  BatchBuilder g;
  EXPECT_EQ(encode_one("Int128", g, g.str("1000")), "e803" + repeat("00", 14));
}

TEST(WideIntegerEncoder, Failures) {
  BatchBuilder a;
  EXPECT_EQ(fail_one("Int128", a, a.str("170141183460469231731687303715884105728")),
            "value \"170141183460469231731687303715884105728\" out of range");
  BatchBuilder b;
  EXPECT_EQ(fail_one("UInt128", b, Cell::int64(-1)), "value -1 is negative");
  BatchBuilder c;
  const std::string too_big = fail_one(
      "UInt256", c,
      c.str("115792089237316195423570985008687907853269984665640564039457584007913129639936"));
  EXPECT_EQ(too_big.substr(too_big.size() - 17), "...\" out of range") << too_big;
  BatchBuilder d;
  EXPECT_EQ(fail_one("Int256", d, d.str("1.5")), "value \"1.5\" is not a whole number");
  BatchBuilder e;
  EXPECT_EQ(fail_one("Int256", e, e.str("abc")), "value \"abc\" is not an integer");
  BatchBuilder f;
  EXPECT_EQ(fail_one("UInt128", f, f.str("-5")), "value \"-5\" is negative");
  BatchBuilder g;
  EXPECT_EQ(fail_one("Int128", g, Cell::float64(2.5)), "value 2.5 is not a whole number");
  BatchBuilder h;
  EXPECT_EQ(fail_one("Int128", h, Cell::null()), "is null");
}

// --- Decimal256 -----------------------------------------------------------------------------

TEST(DecimalEncoder, Decimal256) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("Decimal(76, 2)", a, a.str("1.25")), "7d" + repeat("00", 31));
  BatchBuilder b;
  EXPECT_EQ(encode_one("Decimal256(2)", b, Cell::int64(-1)), "9c" + repeat("ff", 31));
  BatchBuilder c;  // 10^76 - 1 with scale 0: the largest Decimal(76, 0)
  BatchBuilder c2;
  EXPECT_EQ(encode_one("Decimal(76, 0)", c, c.str(std::string(76, '9'))),
            encode_one("Int256", c2, c2.str(std::string(76, '9'))));
  BatchBuilder d;
  EXPECT_EQ(fail_one("Decimal(40, 0)", d, d.str(std::string(41, '1'))),
            "value \"" + std::string(41, '1') + "\" out of range for the column's precision");
  BatchBuilder e;
  EXPECT_EQ(fail_one("Decimal(50, 2)", e, e.str("0.001")),
            "value \"0.001\" has more decimal places than the column's scale");
  BatchBuilder f;
  EXPECT_EQ(encode_one("Decimal(50, 3)", f, Cell::float64(0.1)), "64" + repeat("00", 31));
}

// --- IPv4 / IPv6 ----------------------------------------------------------------------------

TEST(IpEncoder, Ipv4) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("IPv4", a, a.str("1.2.3.4")), "04030201");
  BatchBuilder b;
  EXPECT_EQ(encode_one("IPv4", b, Cell::int64(16909060)), "04030201");
  BatchBuilder c;
  EXPECT_EQ(encode_one("IPv4", c, c.str("255.255.255.255")), "ffffffff");
  BatchBuilder d;
  EXPECT_EQ(fail_one("IPv4", d, d.str("256.1.1.1")), "value \"256.1.1.1\" is not an IPv4 address");
  BatchBuilder e;
  EXPECT_EQ(fail_one("IPv4", e, Cell::int64(-1)), "value -1 is negative");
  BatchBuilder f;
  EXPECT_EQ(fail_one("IPv4", f, Cell::int64(4294967296)), "value 4294967296 out of range");
  for (const char* bad : {"01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.4 ", "a.b.c.d", ""}) {
    uint32_t v = 0;
    EXPECT_FALSE(parse_ipv4_text(bad, v)) << bad;
  }
}

TEST(IpEncoder, Ipv6) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("IPv6", a, a.str("::1")), repeat("00", 15) + "01");
  BatchBuilder b;
  EXPECT_EQ(encode_one("IPv6", b, b.str("::ffff:1.2.3.4")), repeat("00", 10) + "ffff01020304");
  BatchBuilder c;  // IPv4 text is mapped
  EXPECT_EQ(encode_one("IPv6", c, c.str("1.2.3.4")), repeat("00", 10) + "ffff01020304");
  BatchBuilder d;
  EXPECT_EQ(encode_one("IPv6", d, d.str("2001:db8::8a2e:370:7334")),
            norm("20 01 0d b8 00 00 00 00 00 00 8a 2e 03 70 73 34"));
  BatchBuilder e;
  EXPECT_EQ(fail_one("IPv6", e, e.str("2001:db8::g")),
            "value \"2001:db8::g\" is not an IPv6 address");
  BatchBuilder f;
  EXPECT_EQ(fail_one("IPv6", f, Cell::int64(1)), "value 1 cannot be converted to an IPv6 address");
}

// --- Map ------------------------------------------------------------------------------------

TEST(MapEncoder, ReferenceExample) {
  // {'a':1,'b':2}, {} as Map(String, UInt8) (protocol reference §9.5).
  BatchBuilder b;
  b.row({b.obj(R"({"a":1,"b":2})")});
  b.row({b.obj("{}")});
  testing::ColumnOutput out = encode_column("Map(String, UInt8)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("02 00 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 |"
                          "01 61 01 62 | 01 02"));
}

TEST(MapEncoder, KeysFromTextNullableValuesNestedJson) {
  BatchBuilder b;
  b.row({b.obj(R"({"7":"x","8":null})")});
  EXPECT_EQ(encode_column("Map(UInt16, Nullable(String))", b).hex,
            norm("02 00 00 00 00 00 00 00 | 07 00 08 00 | 00 01 | 01 78 00"));

  BatchBuilder s;
  s.row({s.obj(R"({"a":{"b":[1,2]}})")});
  EXPECT_EQ(encode_column("Map(String, String)", s).hex,
            norm("01 00 00 00 00 00 00 00 | 01 61 | 0b") + testing::hex(R"({"b":[1,2]})"));

  BatchBuilder a;
  a.row({a.obj(R"({"a":[1,2],"b":[]})")});
  EXPECT_EQ(encode_column("Map(String, Array(UInt8))", a).hex,
            norm("02 00 00 00 00 00 00 00 | 01 61 01 62 |"
                 "02 00 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 | 01 02"));

  BatchBuilder lc;  // prefixes come first, in key-then-value order
  lc.row({lc.obj(R"({"k":3})")});
  EXPECT_EQ(encode_column("Map(LowCardinality(String), UInt8)", lc).hex,
            norm("01 00 00 00 00 00 00 00 | 01 00 00 00 00 00 00 00 |"
                 "00 06 00 00 00 00 00 00 | 02 00 00 00 00 00 00 00 | 00 01 6b |"
                 "01 00 00 00 00 00 00 00 | 01 | 03"));
}

TEST(MapEncoder, Failures) {
  BatchBuilder b;
  b.row({b.obj(R"({"a":1})")});
  b.row({b.obj(R"({"a":1,"b":300})")});
  b.row({Cell::missing()});
  b.row({b.str("x")});
  b.row({b.obj(R"({"n":null})")});
  testing::ColumnOutput out = encode_column("Map(String, UInt8)", b);
  ASSERT_EQ(out.failures.size(), 4u);
  EXPECT_EQ(out.failures[0].position, 2u);
  EXPECT_EQ(out.failures[0].detail, "is missing");
  EXPECT_EQ(out.failures[1].position, 3u);
  EXPECT_EQ(out.failures[1].detail, "value \"x\" is not an object (for a Map)");
  EXPECT_EQ(out.failures[2].position, 1u);
  EXPECT_EQ(out.failures[2].detail, "the value of key \"b\": value 300 out of range");
  EXPECT_EQ(out.failures[3].position, 4u);
  EXPECT_EQ(out.failures[3].detail, "the value of key \"n\" is null and UInt8 is not Nullable");

  BatchBuilder k;
  k.row({k.obj(R"({"x":1})")});
  testing::ColumnOutput keys = encode_column("Map(UInt8, UInt8)", k);
  ASSERT_EQ(keys.failures.size(), 1u);
  EXPECT_EQ(keys.failures[0].detail, "key \"x\": value \"x\" is not an integer");
}

// --- Tuple ----------------------------------------------------------------------------------

TEST(TupleEncoder, FromArraysPositionally) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  Cell ab = b.str("ab");
  b.row({BatchBuilder::arr(col, {Cell::int64(1), ab})});
  b.row({BatchBuilder::arr(col, {Cell::int64(2), b.str("")})});
  testing::ColumnOutput out = encode_column("Tuple(UInt8, String)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("01 02 | 02 61 62 00"));

  BatchBuilder n;  // an Array element inside a Tuple
  Column& ncol = n.batch.columns[0];
  Cell inner = BatchBuilder::arr(ncol.element_column(), {Cell::int64(1), Cell::int64(2)});
  n.row({BatchBuilder::arr(ncol, {inner, Cell::int64(3)})});
  EXPECT_EQ(encode_column("Tuple(Array(UInt8), UInt8)", n).hex,
            norm("02 00 00 00 00 00 00 00 | 01 02 | 03"));
}

TEST(TupleEncoder, FromObjectsByNameAndMixed) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  b.row({b.obj(R"({"b":"x","a":5,"c":9})")});
  b.row({b.obj(R"({"a":1})")});
  Cell y = b.str("y");
  b.row({BatchBuilder::arr(col, {Cell::int64(2), y})});
  b.row({b.obj(R"({"a":3,"b":[1]})")});
  testing::ColumnOutput out = encode_column("Tuple(a UInt8, b Nullable(String))", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("05 01 02 03 | 00 01 00 00 | 01 78 00 01 79 03 5b 31 5d"));
}

TEST(TupleEncoder, Failures) {
  BatchBuilder b;
  Column& col = b.batch.columns[0];
  b.row({BatchBuilder::arr(col, {Cell::int64(1)})});
  b.row({b.obj(R"({"a":1})")});
  b.row({BatchBuilder::arr(col, {Cell::int64(300), b.str("x")})});
  b.row({Cell::null()});
  testing::ColumnOutput out = encode_column("Tuple(a UInt8, b String)", b);
  ASSERT_EQ(out.failures.size(), 4u);
  EXPECT_EQ(out.failures[0].position, 0u);
  EXPECT_EQ(out.failures[0].detail, "value [1] has 1 elements, the Tuple has 2");
  EXPECT_EQ(out.failures[1].position, 3u);
  EXPECT_EQ(out.failures[1].detail, "is null");
  EXPECT_EQ(out.failures[2].position, 2u);
  EXPECT_EQ(out.failures[2].detail, "element \"a\": value 300 out of range");
  EXPECT_EQ(out.failures[3].position, 1u);
  EXPECT_EQ(out.failures[3].detail, "element \"b\" is missing and String is not Nullable");

  BatchBuilder u;
  u.row({u.obj(R"({"a":1})")});
  testing::ColumnOutput unnamed = encode_column("Tuple(UInt8, String)", u);
  ASSERT_EQ(unnamed.failures.size(), 1u);
  EXPECT_EQ(unnamed.failures[0].detail,
            "value {\"a\":1} is an object but the Tuple's elements have no names");
}

// --- LowCardinality of fixed-width types ----------------------------------------------------

TEST(FixedLowCardinalityEncoder, Numbers) {
  BatchBuilder b;
  b.row({Cell::int64(5)});
  b.row({Cell::int64(7)});
  b.row({Cell::int64(5)});
  testing::ColumnOutput out = encode_column("LowCardinality(UInt16)", b);
  EXPECT_TRUE(out.failures.empty());
  EXPECT_EQ(out.hex, norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                          "03 00 00 00 00 00 00 00 | 00 00 05 00 07 00 |"
                          "03 00 00 00 00 00 00 00 | 01 02 01"));
}

TEST(FixedLowCardinalityEncoder, NullableDateTimeAndFixedString) {
  BatchBuilder b;
  b.row({b.str("2024-01-01T00:00:00Z")});
  b.row({Cell::null()});
  EXPECT_EQ(encode_column("LowCardinality(Nullable(DateTime))", b).hex,
            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                 "03 00 00 00 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 80 00 92 65 |"
                 "02 00 00 00 00 00 00 00 | 02 00"));

  BatchBuilder f;
  f.row({f.str("ab")});
  f.row({f.str("")});
  EXPECT_EQ(encode_column("LowCardinality(FixedString(2))", f).hex,
            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                 "02 00 00 00 00 00 00 00 | 00 00 61 62 |"
                 "02 00 00 00 00 00 00 00 | 01 00"));

  BatchBuilder d;
  d.row({d.str("2024-01-01")});
  EXPECT_EQ(encode_column("LowCardinality(Date)", d).hex,
            norm("01 00 00 00 00 00 00 00 | 00 06 00 00 00 00 00 00 |"
                 "02 00 00 00 00 00 00 00 | 00 00 | 0b 4d |"
                 "01 00 00 00 00 00 00 00 | 01"));
}

TEST(FixedLowCardinalityEncoder, Failures) {
  BatchBuilder b;
  b.row({Cell::int64(1)});
  b.row({Cell::missing()});
  b.row({Cell::int64(-3)});
  testing::ColumnOutput out = encode_column("LowCardinality(UInt8)", b);
  ASSERT_EQ(out.failures.size(), 2u);
  EXPECT_EQ(out.failures[0].position, 1u);
  EXPECT_EQ(out.failures[0].detail, "is missing");
  EXPECT_EQ(out.failures[1].position, 2u);
  EXPECT_EQ(out.failures[1].detail, "value -3 is negative");
}

// --- Date/time layouts ----------------------------------------------------------------------

int64_t parsed(std::string_view text) {
  Instant t;
  if (!parse_date_time_text(text, t)) return -1;
  return t.seconds;
}

TEST(DateTimeLayouts, AllReferenceLayouts) {
  constexpr int64_t kDay = 1136160000;       // 2006-01-02
  constexpr int64_t kUtc = 1136214245;       // 2006-01-02 15:04:05 UTC
  constexpr int64_t kMst = kUtc + 7 * 3600;  // the same wall time at -07:00
  EXPECT_EQ(parsed("2006-01-02T15:04:05Z"), kUtc);
  EXPECT_EQ(parsed("2006-01-02T15:04:05.123456789-07:00"), kMst);
  EXPECT_EQ(parsed("2006-01-02 15:04:05.123"), kUtc);
  EXPECT_EQ(parsed("2006-01-02"), kDay);
  EXPECT_EQ(parsed("Mon, 02 Jan 2006 15:04:05 MST"), kMst);    // RFC 1123
  EXPECT_EQ(parsed("Mon, 02 Jan 2006 15:04:05 -0700"), kMst);  // RFC 1123Z
  EXPECT_EQ(parsed("Mon, 2 Jan 2006 15:04:05 GMT"), kUtc);
  EXPECT_EQ(parsed("02 Jan 06 15:04 UTC"), kUtc - 5);         // RFC 822
  EXPECT_EQ(parsed("02 Jan 06 15:04 -0700"), kMst - 5);       // RFC 822Z
  EXPECT_EQ(parsed("Monday, 02-Jan-06 15:04:05 GMT"), kUtc);  // RFC 850
  EXPECT_EQ(parsed("Mon Jan  2 15:04:05 2006"), kUtc);        // ANSIC
  EXPECT_EQ(parsed("Mon Jan 12 15:04:05 2006"), kUtc + 10 * 86400);
  EXPECT_EQ(parsed("01/02/2006"), kDay);        // MM/DD/YYYY first
  EXPECT_EQ(parsed("13/02/2006"), 1139788800);  // then DD/MM/YYYY
  EXPECT_EQ(parsed("02.01.2006"), kDay);        // DD.MM.YYYY
  EXPECT_EQ(parsed("12.31.2006"), 1167523200);  // then MM.DD.YYYY
  EXPECT_EQ(parsed("2006/01/02"), kDay);
  EXPECT_EQ(parsed("Jan 2, 2006"), kDay);
  EXPECT_EQ(parsed("January 2, 2006"), kDay);
  EXPECT_EQ(parsed("2 Jan 2006"), kDay);
  EXPECT_EQ(parsed("02 jan 2006"), kDay);
  Instant t;
  ASSERT_TRUE(parse_date_time_text("Mon, 02 Jan 2006 15:04:05.250 UTC", t));
  EXPECT_EQ(t.nanos, 250000000u);
}

TEST(DateTimeLayouts, Rejects) {
  for (const char* bad : {"31/02/2006", "Jan 32, 2006", "Mon, 02 Jan 2006 15:04:05 XYZ",
                          "Foo, 02 Jan 2006 15:04:05 GMT", "02 Foo 2006", "2006/13/01",
                          "13/13/2006", "1/2/06", "Jan 2 2006", "yesterday", ""}) {
    EXPECT_EQ(parsed(bad), -1) << bad;
  }
}

TEST(DateTimeLayouts, EncoderUsesThem) {
  BatchBuilder a;
  EXPECT_EQ(encode_one("DateTime", a, a.str("Mon, 02 Jan 2006 15:04:05 -0700")), "55a3b943");
  BatchBuilder b;
  EXPECT_EQ(encode_one("DateTime64(3)", b, b.str("2 Jan 2006")), "00c8698808010000");
}

}  // namespace
}  // namespace sluice::native
