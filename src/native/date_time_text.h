#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::native {

// A point in time as seconds since 1970-01-01T00:00:00Z plus a sub-second part.
struct Instant {
  int64_t seconds = 0;
  uint32_t nanos = 0;  // 0..999'999'999, always forward from `seconds`
};

// Days since 1970-01-01 of a proleptic Gregorian date (negative before 1970).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

// Parses RFC 3339 / ISO-8601 text:
//   YYYY-MM-DD
//   YYYY-MM-DD(T|t| )HH:MM[:SS[.fraction]][Z|z|(+|-)HH[:]MM|(+|-)HH]
// Text without a zone is UTC. Digits of the fraction beyond nanoseconds are ignored. Fields are
// range-checked (month 1..12, the day against the month, hour 0..23, minute 0..59, second 0..60).
bool parse_iso_date_time(std::string_view text, Instant& out);

// An epoch number whose unit is told apart by magnitude:
//   |v| < 1e11 -> seconds        (1e11 s is the year 5138)
//   |v| < 1e14 -> milliseconds   (1e11 ms is 1973-03-03)
//   |v| < 1e17 -> microseconds
//   otherwise  -> nanoseconds
// So second-precision epochs work up to year 5138, and the finer units from March 1973 on.
// The integer form is exact; the double form returns false for non-finite input or results
// beyond +-1e12 seconds.
Instant instant_from_epoch(int64_t value);
bool instant_from_epoch(double value, Instant& out);

}  // namespace sluice::native
