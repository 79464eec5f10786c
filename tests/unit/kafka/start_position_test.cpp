#include "kafka/start_position.h"

#include <gtest/gtest.h>

namespace sluice::kafka {
namespace {

int64_t ms(std::string_view text) {
  auto parsed = parse_start_timestamp(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? parsed->timestamp_ms : -1;
}

TEST(StartTimestamp, EpochMillisAndIso8601) {
  EXPECT_EQ(ms("1700000000123"), 1700000000123);
  EXPECT_EQ(ms("2026-01-15T10:30:00Z"), 1768473000000);
  EXPECT_EQ(ms("2026-01-15T10:30:00.250Z"), 1768473000250);
  EXPECT_EQ(ms("2026-01-15 10:30:00"), 1768473000000);
  EXPECT_EQ(ms("2026-01-15T12:30:00+02:00"), 1768473000000);
  EXPECT_EQ(ms("2026-01-15T10:30"), 1768473000000);
  EXPECT_EQ(ms("2026-01-15"), 1768435200000);
}

TEST(StartTimestamp, RejectsGarbage) {
  for (const char* text : {"", "yesterday", "2026-13-01", "2026-01-15T25:00:00Z", "2026-01-15T",
                           "12345678901234567890", "2026-01-15T10:30:00X"}) {
    auto parsed = parse_start_timestamp(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.error().message().find("--from-timestamp"), std::string::npos);
  }
}

}  // namespace
}  // namespace sluice::kafka
