#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "expr/value.h"

// Calendar arithmetic on expr Time values (proleptic Gregorian, as Go's time package), shared by
// date parsing/printing and the time methods.
namespace sluice::expr::civil {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
// Seconds from Go's zero time (0001-01-01 UTC) to the Unix epoch.
constexpr int64_t kZeroTimeToUnix = 62'135'596'800;

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

// The wall-clock fields of a time in its own zone.
struct Civil {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int32_t nanos = 0;
  int weekday = 4;  // 0 = Sunday
  int yday = 1;
};

int64_t floor_div(int64_t a, int64_t b);
int64_t days_from_civil(int64_t y, int64_t m, int64_t d);  // days since 1970-01-01
int days_in_month(int64_t y, int m);
Civil civil_of(const Time& t);
// Go's time.Date: months and days out of range roll over.
Time make_time(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
               int64_t second, int64_t nanos, int32_t offset, std::string zone);

}  // namespace sluice::expr::civil
