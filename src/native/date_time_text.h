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

// Parses a date-time in any of these layouts, tried in this order (the first that matches wins):
//   RFC 3339 / ISO-8601 as parse_iso_date_time (also "YYYY-MM-DD HH:MM:SS.fff" and "YYYY-MM-DD")
//   RFC 1123(Z)  "Mon, 02 Jan 2006 15:04:05 MST" / "... -0700"
//   RFC 822(Z)   "02 Jan 06 15:04 MST" / "... -0700" (also with ":05" seconds)
//   RFC 850      "Monday, 02-Jan-06 15:04:05 MST"
//   ANSIC        "Mon Jan _2 15:04:05 2006"
//   "MM/DD/YYYY", then "DD/MM/YYYY" (a day <= 12 is read as the month first)
//   "DD.MM.YYYY", then "MM.DD.YYYY"
//   "YYYY/MM/DD", "Jan 2, 2006", "2 Jan 2006"
// Month and weekday names are English, short or long, in any case; the weekday is not checked
// against the date. Zones: numeric (+-hhmm, +-hh:mm) or an RFC 822 name (UT, UTC, GMT, Z, EST,
// EDT, CST, CDT, MST, MDT, PST, PDT); others fail. Text without a zone is UTC. Two-digit years
// are 1969..2068 (69..99 -> 19xx).
bool parse_date_time_text(std::string_view text, Instant& out);

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
