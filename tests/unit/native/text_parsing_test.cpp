#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>
#include <tuple>

#include "native/date_time_text.h"
#include "native/decimal_encoder.h"
#include "native/number_text.h"
#include "native/uuid_encoder.h"

namespace sluice::native {
namespace {

TEST(DateTimeText, DaysFromCivil) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2024, 1, 15), 19737);
  EXPECT_EQ(days_from_civil(2149, 6, 6), 65535);
  EXPECT_EQ(days_from_civil(1600, 2, 29), -135081);
  EXPECT_EQ(days_from_civil(2400, 12, 31), 157419);
}

Instant parse_ok(std::string_view text) {
  Instant t;
  EXPECT_TRUE(parse_iso_date_time(text, t)) << text;
  return t;
}

TEST(DateTimeText, IsoLayouts) {
  Instant a = parse_ok("2026-02-16T17:57:04.572864Z");
  EXPECT_EQ(a.seconds, 1771264624);
  EXPECT_EQ(a.nanos, 572864000u);
  EXPECT_EQ(parse_ok("2024-01-15 10:30:00").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T10:30:00").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15t10:30:00z").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T10:30Z").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T12:30:00+02:00").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T12:30:00+0200").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T12:30:00+02").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15T05:00:00-05:30").seconds, 1705314600);
  EXPECT_EQ(parse_ok("2024-01-15").seconds, 1705276800);
  Instant n = parse_ok("2024-01-15T10:30:00.123456789123Z");
  EXPECT_EQ(n.nanos, 123456789u);
  EXPECT_EQ(parse_ok("2024-02-29").seconds, 1709164800);  // leap day
}

TEST(DateTimeText, FractionsOfEveryLengthWhereverTheTextEnds) {
  // Read eight digits at a time: every length from 1 to 12, at the text's end, before a zone, and
  // before a non-ASCII byte (read digit by digit).
  const std::string digits = "987654321012";
  for (size_t n = 1; n <= digits.size(); ++n) {
    uint32_t expected = 0, scale = 100000000;
    for (size_t i = 0; i < n && i < 9; ++i, scale /= 10)
      expected += static_cast<uint32_t>(digits[i] - '0') * scale;
    const std::string fraction = "2024-01-15T10:30:00." + digits.substr(0, n);
    for (const std::string& text : {fraction, fraction + "Z", fraction + "+02:00",
                                    "2024-01-15T10:30:00," + digits.substr(0, n)}) {
      Instant t = parse_ok(text);
      EXPECT_EQ(t.nanos, expected) << text;
      EXPECT_EQ(t.seconds, text.find("+02:00") != std::string::npos ? 1705307400 : 1705314600)
          << text;
    }
    Instant t;
    EXPECT_FALSE(parse_iso_date_time(fraction + "\xC3\xA9", t)) << "a zone that is not one";
  }
  Instant t;
  EXPECT_FALSE(parse_iso_date_time("2024-01-15T10:30:00.Z", t)) << "a point without digits";
  EXPECT_FALSE(parse_iso_date_time("2024-01-15T10:30:00.x1234567", t));
}

TEST(DateTimeText, RejectsBadText) {
  Instant t;
  for (const char* bad :
       {"", "2024", "2024-1-15", "2024-13-01", "2024-00-10", "2023-02-29", "2024-04-31",
        "2024-01-15T24:00:00", "2024-01-15T10:60:00", "2024-01-15T10:30:61", "2024-01-15T",
        "2024-01-15T10", "2024-01-15T10:30:00.", "2024-01-15T10:30:00+2", "2024-01-15T10:30:00 UTC",
        "2024-01-15X10:30:00", "15/01/2024", "hello", "2024-01-15T10:30:00+25:00"}) {
    EXPECT_FALSE(parse_iso_date_time(bad, t)) << bad;
  }
}

// "YYYY-MM-DDThh:mm:ss" is read 8 bytes at a time; a date alone, or a time without seconds, goes
// the general way: both must agree, and every byte of the shape must be what it needs.
TEST(DateTimeText, TheUsualShapeAgreesWithTheGeneralPath) {
  for (int year : {1900, 1970, 1999, 2000, 2024, 2026, 2100, 9999}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day : {1, 9, 10, 19, 28}) {
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
        const int64_t midnight = parse_ok(date).seconds;
        for (auto [h, m, sec] : {std::tuple{0, 0, 0}, {9, 59, 59}, {10, 1, 9}, {23, 45, 60}}) {
          char text[48];
          std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d", date, h, m, sec);
          EXPECT_EQ(parse_ok(text).seconds, midnight + h * 3600 + m * 60 + sec) << text;
          std::snprintf(text, sizeof text, "%s %02d:%02dZ", date, h, m);
          EXPECT_EQ(parse_ok(text).seconds, midnight + h * 3600 + m * 60) << text;
        }
      }
    }
  }
  const std::string good = "2026-02-16T17:57:04.5Z";
  const std::string shape = "dddd-dd-ddTdd:dd:dd";  // d: a digit
  for (size_t i = 0; i < shape.size(); ++i) {
    for (int c : {0x00, int{'/'}, int{':'}, int{'-'}, int{'a'}, int{'T'}, int{' '}, 0x7F, 0xB0,
                  0xB4, 0xFF}) {
      std::string text = good;
      text[i] = static_cast<char>(c);
      const bool valid = shape[i] == 'd'   ? false
                         : shape[i] == 'T' ? c == 'T' || c == ' '
                                           : c == shape[i];
      Instant t;
      EXPECT_EQ(parse_iso_date_time(text, t), valid) << "byte " << i << " = " << c;
    }
  }
}

TEST(DateTimeText, EpochMagnitudes) {
  // 1705314600 s = 2024-01-15T10:30:00Z in every unit.
  Instant s = instant_from_epoch(int64_t{1705314600});
  EXPECT_EQ(s.seconds, 1705314600);
  EXPECT_EQ(s.nanos, 0u);
  Instant ms = instant_from_epoch(int64_t{1705314600123});
  EXPECT_EQ(ms.seconds, 1705314600);
  EXPECT_EQ(ms.nanos, 123000000u);
  Instant us = instant_from_epoch(int64_t{1705314600123456});
  EXPECT_EQ(us.seconds, 1705314600);
  EXPECT_EQ(us.nanos, 123456000u);
  Instant ns = instant_from_epoch(int64_t{1705314600123456789});
  EXPECT_EQ(ns.seconds, 1705314600);
  EXPECT_EQ(ns.nanos, 123456789u);
  // Boundaries: 1e11 - 1 is still seconds, 1e11 is milliseconds.
  EXPECT_EQ(instant_from_epoch(int64_t{99'999'999'999}).seconds, 99'999'999'999);
  EXPECT_EQ(instant_from_epoch(int64_t{100'000'000'000}).seconds, 100'000'000);
  EXPECT_EQ(instant_from_epoch(int64_t{100'000'000'000'000}).seconds, 100'000'000);
  EXPECT_EQ(instant_from_epoch(int64_t{100'000'000'000'000'000}).seconds, 100'000'000);
  // Negative: floor, with the sub-second part forward.
  Instant neg = instant_from_epoch(int64_t{-100'000'000'001});  // ms
  EXPECT_EQ(neg.seconds, -100'000'001);
  EXPECT_EQ(neg.nanos, 999'000'000u);

  Instant f;
  ASSERT_TRUE(instant_from_epoch(1705314600.5, f));
  EXPECT_EQ(f.seconds, 1705314600);
  EXPECT_EQ(f.nanos, 500000000u);
  ASSERT_TRUE(instant_from_epoch(1705314600123.0, f));
  EXPECT_EQ(f.seconds, 1705314600);
  ASSERT_TRUE(instant_from_epoch(1.7053146e18, f));
  EXPECT_EQ(f.seconds, 1705314600);
  EXPECT_FALSE(instant_from_epoch(1e300, f));
}

TEST(NumberText, Integers) {
  int64_t i = 0;
  EXPECT_TRUE(parse_int64_text("404", i));
  EXPECT_EQ(i, 404);
  EXPECT_TRUE(parse_int64_text("-9223372036854775808", i));
  EXPECT_EQ(i, INT64_MIN);
  for (const char* bad : {"", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "9223372036854775808", "-"})
    EXPECT_FALSE(parse_int64_text(bad, i)) << bad;
  uint64_t u = 0;
  EXPECT_TRUE(parse_uint64_text("18446744073709551615", u));
  EXPECT_EQ(u, UINT64_MAX);
  EXPECT_FALSE(parse_uint64_text("-1", u));
  EXPECT_FALSE(parse_uint64_text("18446744073709551616", u));
}

TEST(NumberText, Doubles) {
  double d = 0;
  EXPECT_TRUE(parse_double_text("1.5", d));
  EXPECT_EQ(d, 1.5);
  EXPECT_TRUE(parse_double_text("-2e3", d));
  EXPECT_EQ(d, -2000);
  EXPECT_TRUE(parse_double_text("+.5", d));
  EXPECT_EQ(d, 0.5);
  for (const char* bad : {"", "inf", "-inf", "nan", "1e400", "1.5x", " 1", "0x1p3", "-", "."})
    EXPECT_FALSE(parse_double_text(bad, d)) << bad;
}

std::string decimal(std::string_view text, uint32_t p, uint32_t s) {
  Int128 v = 0;
  if (const char* problem = parse_decimal_text(text, p, s, v)) return problem;
  bool neg = v < 0;
  std::string digits;
  if (neg) v = -v;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return (neg ? "-" : "") + digits;
}

TEST(DecimalText, ExactScaling) {
  EXPECT_EQ(decimal("12.34", 9, 2), "1234");
  EXPECT_EQ(decimal("12.3", 9, 2), "1230");
  EXPECT_EQ(decimal("12.340000", 9, 2), "1234");
  EXPECT_EQ(decimal("-0.5", 9, 2), "-50");
  EXPECT_EQ(decimal("+7", 9, 2), "700");
  EXPECT_EQ(decimal("0", 9, 2), "0");
  EXPECT_EQ(decimal("000.000", 9, 2), "0");
  EXPECT_EQ(decimal("1e3", 9, 2), "100000");
  EXPECT_EQ(decimal("1.5E-1", 9, 2), "15");
  EXPECT_EQ(decimal(".25", 9, 2), "25");
  EXPECT_EQ(decimal("5.", 9, 2), "500");
  EXPECT_EQ(decimal("999.99", 5, 2), "99999");
  EXPECT_EQ(decimal("99999999999999999999999999999999999999", 38, 0),
            "99999999999999999999999999999999999999");
  EXPECT_EQ(decimal("0.1000000000000000000000000000000000000000000000000000000000000000000000"
                    "000000000000000000000000000000",
                    9, 2),
            "10");
}

TEST(DecimalText, Failures) {
  EXPECT_EQ(decimal("1.234", 9, 2), "has more decimal places than the column's scale");
  EXPECT_EQ(decimal("1000", 5, 2), "out of range for the column's precision");
  EXPECT_EQ(decimal("-1000", 5, 2), "out of range for the column's precision");
  EXPECT_EQ(decimal("100000000000000000000000000000000000000", 38, 0),
            "out of range for the column's precision");
  EXPECT_EQ(decimal("1e-3", 9, 2), "has more decimal places than the column's scale");
  for (const char* bad : {"", "-", ".", "1.2.3", "abc", "1e", "1e+", "1,5", " 1", "0x10"})
    EXPECT_EQ(decimal(bad, 9, 2), "is not a decimal number") << bad;
}

TEST(UuidText, Halves) {
  uint64_t hi = 0, lo = 0;
  ASSERT_TRUE(parse_uuid_text("11111111-2222-3333-4444-555555555555", hi, lo));
  EXPECT_EQ(hi, 0x1111111122223333ULL);
  EXPECT_EQ(lo, 0x4444555555555555ULL);
  ASSERT_TRUE(parse_uuid_text("ABCDEF01-abcd-EF01-2345-6789abcdef01", hi, lo));
  EXPECT_EQ(hi, 0xabcdef01abcdef01ULL);
  EXPECT_EQ(lo, 0x23456789abcdef01ULL);
  for (const char* bad :
       {"", "11111111222233334444555555555555", "11111111-2222-3333-4444-55555555555",
        "11111111-2222-3333-4444-5555555555555", "1111111g-2222-3333-4444-555555555555",
        "11111111_2222-3333-4444-555555555555", "{11111111-2222-3333-4444-5555555555}",
        "11111111-2222-3333-4444-55555555555\xff", "11111111-2222-3333-4444-5555-5555555",
        "11111111-2222-3333-4444-55555555555 "})
    EXPECT_FALSE(parse_uuid_text(bad, hi, lo)) << bad;
}

// Every byte value at every digit position, against a digit-by-digit reading of the text.
TEST(UuidText, EveryByteAtEveryDigitPosition) {
  const std::string base = "0123abcd-EF45-6789-aBcD-ef0123456789";
  const int dashes[] = {8, 13, 18, 23};
  auto reference = [](const std::string& text, uint64_t& hi, uint64_t& lo) {
    uint64_t v[2] = {0, 0};  // hi, lo
    int n = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (i == 8 || i == 13 || i == 18 || i == 23) continue;
      const char c = text[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return false;
      uint64_t& half = v[n++ / 16];
      half = half << 4 | static_cast<unsigned>(d);
    }
    hi = v[0];
    lo = v[1];
    return true;
  };
  size_t valid = 0;
  for (size_t pos = 0; pos < base.size(); ++pos) {
    if (std::find(std::begin(dashes), std::end(dashes), static_cast<int>(pos)) != std::end(dashes))
      continue;
    for (int byte = 0; byte < 256; ++byte) {
      std::string text = base;
      text[pos] = static_cast<char>(byte);
      uint64_t hi = 0, lo = 0, want_hi = 0, want_lo = 0;
      const bool want = reference(text, want_hi, want_lo);
      ASSERT_EQ(parse_uuid_text(text, hi, lo), want) << "byte " << byte << " at " << pos;
      if (!want) continue;
      ++valid;
      EXPECT_EQ(hi, want_hi) << text;
      EXPECT_EQ(lo, want_lo) << text;
    }
  }
  EXPECT_EQ(valid, 32u * 22);  // 0-9, a-f, A-F at each of the 32 digit positions
}

}  // namespace
}  // namespace sluice::native
