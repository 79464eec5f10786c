#include "base/duration.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace sluice {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

nanoseconds parsed(std::string_view text) {
  auto result = parse_duration(text);
  EXPECT_TRUE(result.ok()) << text << ": " << (result.ok() ? "" : result.error().message());
  return result.ok() ? result.value() : nanoseconds{-1};
}

TEST(ParseDuration, GoSyntax) {
  EXPECT_EQ(parsed("300ms"), milliseconds(300));
  EXPECT_EQ(parsed("30s"), seconds(30));
  EXPECT_EQ(parsed("1m"), minutes(1));
  EXPECT_EQ(parsed("1.5h"), minutes(90));
  EXPECT_EQ(parsed("1h30m"), minutes(90));
  EXPECT_EQ(parsed("2us"), microseconds(2));
  EXPECT_EQ(parsed("2\xC2\xB5s"), microseconds(2));
  EXPECT_EQ(parsed("2\xCE\xBCs"), microseconds(2));
  EXPECT_EQ(parsed("10ns"), nanoseconds(10));
  EXPECT_EQ(parsed("24h"), hours(24));
  EXPECT_EQ(parsed(".5s"), milliseconds(500));
  EXPECT_EQ(parsed("1.001s"), milliseconds(1001));
  EXPECT_EQ(parsed("+5s"), seconds(5));
  EXPECT_EQ(parsed("0"), nanoseconds(0));
  EXPECT_EQ(parsed("0s"), nanoseconds(0));
}

TEST(ParseDuration, DaysExtension) {
  EXPECT_EQ(parsed("1d"), hours(24));
  EXPECT_EQ(parsed("1d12h"), hours(36));
  EXPECT_EQ(parsed("7d"), hours(168));
  EXPECT_EQ(parsed("0.5d"), hours(12));
}

TEST(ParseDuration, Rejects) {
  for (std::string_view bad : {"", "-1s", "30", "1.5", "s", "abc", "1x", "1 s", "1S", "+", "1h-5m",
                               "9999999999999999999h", "300000d", "1e3s", "."}) {
    auto result = parse_duration(bad);
    EXPECT_FALSE(result.ok()) << "accepted \"" << bad << "\"";
    if (!result.ok()) {
      EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
    }
  }
}

TEST(ParseDuration, MessagesSayWhatIsWrong) {
  EXPECT_EQ(parse_duration("30").error().message(),
            "\"30\" is not a valid duration: a unit is missing (use ns, us, ms, s, m, h or d)");
  EXPECT_EQ(parse_duration("-1s").error().message(),
            "\"-1s\" is not a valid duration: durations cannot be negative");
  EXPECT_EQ(parse_duration("5w").error().message(),
            "\"5w\" is not a valid duration: unknown unit \"w\" (use ns, us, ms, s, m, h or d)");
}

TEST(FormatDuration, CompactAndRoundTrips) {
  EXPECT_EQ(format_duration(nanoseconds(0)), "0s");
  EXPECT_EQ(format_duration(seconds(60)), "1m");
  EXPECT_EQ(format_duration(minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(milliseconds(1500)), "1s500ms");
  EXPECT_EQ(format_duration(hours(48)), "2d");
  EXPECT_EQ(format_duration(nanoseconds(1001)), "1us1ns");
  EXPECT_EQ(format_duration(-seconds(3)), "-3s");
  for (nanoseconds value : {nanoseconds(1), nanoseconds(123456789012345), nanoseconds(hours(36)),
                            nanoseconds(std::numeric_limits<int64_t>::max())}) {
    EXPECT_EQ(parsed(format_duration(value)), value) << format_duration(value);
  }
}

}  // namespace
}  // namespace sluice
