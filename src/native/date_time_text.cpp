#include "native/date_time_text.h"

#include <bit>
#include <cmath>
#include <cstdint>

#include "base/swar.h"

namespace sluice::native {
namespace {

// Reads exactly `n` digits at text[pos] into `value`.
bool digits(std::string_view text, size_t pos, size_t n, unsigned& value) {
  if (pos + n > text.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

bool is_leap(unsigned y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(unsigned y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Between a date and its time of day.
bool is_time_separator(char c) {
  return c == 'T' || c == 't' || c == ' ';
}

// The first `n` (1-8) ASCII digits of `x` (the first lowest, as loaded) as the eight-digit number
// they begin, the missing ones 0: "25" is 25000000.
uint32_t leading_digits(uint64_t x, int n) {
  uint64_t v = (n == 8 ? x : x & ((uint64_t{1} << (8 * n)) - 1)) & 0x0F0F0F0F0F0F0F0FULL;
  v = (v * 2561) >> 8 & 0x00FF00FF00FF00FFULL;                  // pairs: 10 * first + second
  v = (v * 6553601) >> 16 & 0x0000FFFF0000FFFFULL;              // fours: 100 * first pair + second
  return static_cast<uint32_t>((v * 42949672960001ULL) >> 32);  // 10000 * first four + second
}

// ".123456789" or ",123" at text[pos] (none is fine): its nanoseconds; pos moves past it.
bool read_fraction(std::string_view text, size_t& pos, uint32_t& nanos) {
  if (pos >= text.size() || (text[pos] != '.' && text[pos] != ',')) return true;
  ++pos;
  const size_t start = pos;
  uint32_t scale = 100000000;
  // Up to eight digits at once (W2-W4's times have six): the eight bytes from here, or those
  // ending the text shifted down, so that nothing past the text is read.
  const size_t left = text.size() - pos;
  if (left > 0 && text.size() >= 8) {
    const uint64_t x = left >= 8 ? swar::load8(text.data() + pos)
                                 : swar::load8(text.data() + text.size() - 8) >> (8 * (8 - left));
    if ((x & swar::kHigh) == 0) {
      const uint64_t not_digits = ~swar::bytes_between(x, '0', '9') & swar::kHigh;
      const int n = std::countr_zero(not_digits) / 8;  // 8 if all are digits
      if (n == 0) return false;
      nanos += leading_digits(x, n) * 10;
      pos += static_cast<size_t>(n);
      if (n < 8) return true;
      scale = 1;  // the ninth digit; any after it are read past
    }
  }
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    nanos += static_cast<uint32_t>(text[pos] - '0') * scale;
    scale /= 10;
    ++pos;
  }
  return pos != start;
}

// The zone at text[pos] to the end ("Z", "+hh", "+hh:mm", "-hhmm", or none): applied to the
// local `seconds`, which become UTC.
bool read_zone(std::string_view text, size_t pos, int64_t& seconds) {
  if (pos < text.size()) {
    char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      unsigned oh = 0, om = 0;
      if (!digits(text, pos + 1, 2, oh)) return false;
      pos += 3;
      if (pos < text.size()) {
        if (text[pos] == ':') ++pos;
        if (!digits(text, pos, 2, om)) return false;
        pos += 2;
      }
      if (oh > 23 || om > 59) return false;
      // Local time = UTC + offset, so UTC = local - offset.
      int64_t offset = oh * 3600 + om * 60;
      seconds += zone == '+' ? -offset : offset;
    } else {
      return false;
    }
  }
  return pos == text.size();
}

// Each byte of `x` that `mask` selects is an ASCII digit (every byte of `x` must be ASCII).
bool digits_at(uint64_t x, uint64_t mask) {
  return (swar::bytes_between(x, '0', '9') & mask & swar::kHigh) == (mask & swar::kHigh);
}
unsigned byte_at(uint64_t x, unsigned i) {
  return static_cast<unsigned>(x >> (8 * i)) & 0x0F;
}

// "YYYY-MM-DDThh:mm:ss" (or 't' or ' ' for 'T') in the 19 bytes at `p`, checked 8 bytes at a
// time: its date and time (not yet range-checked), or false if `p` is not of that shape.
bool fixed_prefix(const char* p, unsigned& year, unsigned& month, unsigned& day, unsigned& hour,
                  unsigned& minute, unsigned& second) {
  const uint64_t a = swar::load8(p);                   // YYYY-MM-
  const uint64_t b = swar::load8(p + 8);               // DDThh:mm
  const uint64_t c = swar::load4(p + 15);              // m:ss
  if (((a | b | c) & swar::kHigh) != 0) return false;  // not ASCII
  constexpr uint64_t kDashes = uint64_t{'-'} << 32 | uint64_t{'-'} << 56;
  if ((a & 0xFF0000FF00000000ULL) != kDashes) return false;
  if (!digits_at(a, 0x00FFFF00FFFFFFFFULL) || !digits_at(b, 0xFFFF00FFFF00FFFFULL) ||
      !digits_at(c, 0xFFFF0000ULL) || (b >> 40 & 0xFF) != ':' || (c >> 8 & 0xFF) != ':')
    return false;
  if (!is_time_separator(static_cast<char>(b >> 16 & 0xFF))) return false;
  year = byte_at(a, 0) * 1000 + byte_at(a, 1) * 100 + byte_at(a, 2) * 10 + byte_at(a, 3);
  month = byte_at(a, 5) * 10 + byte_at(a, 6);
  day = byte_at(b, 0) * 10 + byte_at(b, 1);
  hour = byte_at(b, 3) * 10 + byte_at(b, 4);
  minute = byte_at(b, 6) * 10 + byte_at(b, 7);
  second = byte_at(c, 2) * 10 + byte_at(c, 3);
  return true;
}

}  // namespace

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  // Count in a calendar whose year starts on March 1st, so the leap day is the last day of the
  // year; 400-year eras of 146097 days make the arithmetic exact for negative years too.
  const int64_t y = month <= 2 ? year - 1 : year;
  const int64_t era = floor_div(y, 400);
  const int64_t year_of_era = y - era * 400;                            // 0..399
  const unsigned shifted_month = month > 2 ? month - 3 : month + 9;     // March = 0
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;  // 0..365
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // 0..146096
  // 719468 = days from 0000-03-01 to 1970-01-01.
  return era * 146097 + day_of_era - 719468;
}

bool parse_iso_date_time(std::string_view text, Instant& out) {
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  uint32_t nanos = 0;
  size_t pos = 10;
  if (text.size() >= 19 && fixed_prefix(text.data(), year, month, day, hour, minute, second)) {
    // The usual shape, with seconds: its fields read at once.
    pos = 19;
    if (!read_fraction(text, pos, nanos)) return false;
  } else {
    if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
        !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day))
      return false;
    if (pos < text.size()) {
      if (!is_time_separator(text[pos])) return false;
      if (!digits(text, pos + 1, 2, hour) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
          !digits(text, pos + 4, 2, minute))
        return false;
      pos += 6;
      if (pos < text.size() && text[pos] == ':') {
        if (!digits(text, pos + 1, 2, second)) return false;
        pos += 3;
        if (!read_fraction(text, pos, nanos)) return false;
      }
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  int64_t seconds = days_from_civil(year, month, day) * 86400;
  if (pos > 10) {  // a time of day
    if (hour > 23 || minute > 59 || second > 60) return false;
    seconds += hour * 3600 + minute * 60 + second;
    if (!read_zone(text, pos, seconds)) return false;
  }
  out.seconds = seconds;
  out.nanos = nanos;
  return true;
}

Instant instant_from_epoch(int64_t value) {
  // |INT64_MIN| does not fit; it lands in the nanosecond branch either way.
  const uint64_t magnitude =
      value < 0 ? static_cast<uint64_t>(-(value + 1)) + 1 : static_cast<uint64_t>(value);
  int64_t per_second = 1;
  if (magnitude >= 100'000'000'000'000'000ULL) {
    per_second = 1'000'000'000;
  } else if (magnitude >= 100'000'000'000'000ULL) {
    per_second = 1'000'000;
  } else if (magnitude >= 100'000'000'000ULL) {
    per_second = 1'000;
  }
  Instant out;
  out.seconds = floor_div(value, per_second);
  const int64_t rest = value - out.seconds * per_second;  // 0..per_second-1
  out.nanos = static_cast<uint32_t>(rest * (1'000'000'000 / per_second));
  return out;
}

bool instant_from_epoch(double value, Instant& out) {
  if (!std::isfinite(value)) return false;
  const double magnitude = std::fabs(value);
  double per_second = 1;
  if (magnitude >= 1e17) {
    per_second = 1e9;
  } else if (magnitude >= 1e14) {
    per_second = 1e6;
  } else if (magnitude >= 1e11) {
    per_second = 1e3;
  }
  const double seconds = value / per_second;
  if (std::fabs(seconds) > 1e12) return false;
  const double whole = std::floor(seconds);
  out.seconds = static_cast<int64_t>(whole);
  double nanos = std::floor((seconds - whole) * 1e9);
  out.nanos = static_cast<uint32_t>(nanos > 999999999 ? 999999999 : nanos);
  return true;
}

namespace {

struct Fields {
  int64_t year = -1;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  uint32_t nanos = 0;
  int64_t offset = 0;  // seconds east of UTC
};

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                        "may",       "june",     "july",     "august",
                                        "september", "october",  "november", "december"};
constexpr std::string_view kWeekdays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};

std::string_view letters(std::string_view text, size_t& pos) {
  const size_t start = pos;
  while (pos < text.size() &&
         ((text[pos] >= 'a' && text[pos] <= 'z') || (text[pos] >= 'A' && text[pos] <= 'Z')))
    ++pos;
  return text.substr(start, pos - start);
}

// One or two digits.
bool short_number(std::string_view text, size_t& pos, unsigned& value) {
  if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
  value = static_cast<unsigned>(text[pos++] - '0');
  if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
    value = value * 10 + static_cast<unsigned>(text[pos++] - '0');
  return true;
}

bool zone(std::string_view text, size_t& pos, int64_t& offset) {
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const bool east = text[pos] == '+';
    unsigned h = 0, m = 0;
    if (!digits(text, pos + 1, 2, h)) return false;
    pos += 3;
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!digits(text, pos, 2, m)) return false;
    pos += 2;
    if (h > 23 || m > 59) return false;
    offset = (east ? 1 : -1) * static_cast<int64_t>(h * 3600 + m * 60);
    return true;
  }
  static constexpr struct {
    std::string_view name;
    int hours;
  } kZones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  std::string_view name = letters(text, pos);
  for (const auto& z : kZones) {
    if (ieq(name, z.name)) {
      offset = z.hours * 3600;
      return true;
    }
  }
  return false;
}

// Matches `text` against `layout`, a compact pattern:
//   W weekday name   M month name    N month 1-2 digits   d day 1-2 digits   _ day, space-padded
//   Y 4-digit year   y 2-digit year  h m s 2-digit time   f optional ".fraction"   Z zone
//   anything else is a literal character.
bool match(std::string_view text, std::string_view layout, Fields& f) {
  size_t pos = 0;
  f = Fields{};
  for (char p : layout) {
    unsigned v = 0;
    switch (p) {
      case 'W': {
        std::string_view name = letters(text, pos);
        bool ok = false;
        for (std::string_view w : kWeekdays) ok = ok || ieq(name, w) || ieq(name, w.substr(0, 3));
        if (!ok) return false;
        break;
      }
      case 'M': {
        std::string_view name = letters(text, pos);
        for (unsigned m = 0; m < 12 && f.month == 0; ++m)
          if (ieq(name, kMonths[m]) || ieq(name, kMonths[m].substr(0, 3))) f.month = m + 1;
        if (f.month == 0) return false;
        break;
      }
      case 'N':
        if (!short_number(text, pos, f.month)) return false;
        break;
      case '_':
        if (pos < text.size() && text[pos] == ' ') ++pos;
        [[fallthrough]];
      case 'd':
        if (!short_number(text, pos, f.day)) return false;
        break;
      case 'Y':
        if (!digits(text, pos, 4, v)) return false;
        f.year = v;
        pos += 4;
        break;
      case 'y':
        if (!digits(text, pos, 2, v)) return false;
        f.year = v >= 69 ? 1900 + v : 2000 + v;
        pos += 2;
        break;
      case 'h':
      case 'm':
      case 's':
        if (!digits(text, pos, 2, v)) return false;
        (p == 'h' ? f.hour : p == 'm' ? f.minute : f.second) = v;
        pos += 2;
        break;
      case 'f':
        if (pos < text.size() && text[pos] == '.') {
          const size_t start = ++pos;
          uint32_t scale = 100000000;
          while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            f.nanos += static_cast<uint32_t>(text[pos] - '0') * scale;
            scale /= 10;
            ++pos;
          }
          if (pos == start) return false;
        }
        break;
      case 'Z':
        if (!zone(text, pos, f.offset)) return false;
        break;
      default:
        if (pos >= text.size() || text[pos] != p) return false;
        ++pos;
    }
  }
  if (pos != text.size()) return false;
  return f.month >= 1 && f.month <= 12 && f.day >= 1 &&
         f.day <= days_in_month(static_cast<unsigned>(f.year), f.month) && f.hour <= 23 &&
         f.minute <= 59 && f.second <= 60;
}

}  // namespace

bool parse_date_time_text(std::string_view text, Instant& out) {
  if (parse_iso_date_time(text, out)) return true;
  static constexpr std::string_view kLayouts[] = {
      "W, d M Y h:m:sf Z",  // RFC 1123 / 1123Z
      "W, d M Y h:m:sf",    // RFC 1123 without a zone
      "d M y h:m Z",        // RFC 822 / 822Z
      "d M y h:m:s Z",      //
      "W, d-M-y h:m:s Z",   // RFC 850
      "W M _ h:m:sf Y",     // ANSIC
      "W M _ h:m:sf Z Y",   // UnixDate
      "N/d/Y",              // MM/DD/YYYY
      "d/N/Y",              // DD/MM/YYYY
      "N/d/Y h:m:sf",       //
      "d/N/Y h:m:sf",       //
      "d.N.Y",              // DD.MM.YYYY
      "N.d.Y",              // MM.DD.YYYY
      "d.N.Y h:m:sf",       //
      "Y/N/d",              // YYYY/MM/DD
      "Y/N/d h:m:sf",       //
      "M d, Y",             // Jan 2, 2006
      "M d, Y h:m:sf",      //
      "d M Y",              // 2 Jan 2006
      "d M Y h:m:sf",       //
  };
  Fields f;
  for (std::string_view layout : kLayouts) {
    if (!match(text, layout, f)) continue;
    out.seconds = days_from_civil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 +
                  f.second - f.offset;
    out.nanos = f.nanos;
    return true;
  }
  return false;
}

}  // namespace sluice::native
