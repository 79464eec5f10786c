#include "expr/duration_text.h"

#include "expr/civil_time.h"

namespace sluice::expr {

using civil::uint128;

std::optional<Duration> parse_duration(std::string_view text, std::string& error) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  auto invalid = [&]() {
    error = "time: invalid duration " + quoted;
    return std::nullopt;
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return Duration{0};
  if (s.empty()) return invalid();
  uint128 total = 0;
  while (!s.empty()) {
    uint64_t whole = 0;
    size_t i = 0;
    bool overflow = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (whole > (UINT64_MAX - 9) / 10) overflow = true;
      whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
      ++i;
    }
    const bool had_whole = i > 0;
    uint64_t frac = 0, scale = 1;
    bool had_frac = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (scale < 1'000'000'000'000'000'000ULL) {
          frac = frac * 10 + static_cast<uint64_t>(s[i] - '0');
          scale *= 10;
        }
        had_frac = true;
        ++i;
      }
    }
    if (!had_whole && !had_frac) return invalid();
    if (overflow) return invalid();
    size_t u = i;
    while (u < s.size() && s[u] != '.' && (s[u] < '0' || s[u] > '9')) ++u;
    const std::string_view unit = s.substr(i, u - i);
    if (unit.empty()) {
      error = "time: missing unit in duration " + quoted;
      return std::nullopt;
    }
    uint64_t per = 0;
    if (unit == "ns")
      per = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      per = 1000;
    else if (unit == "ms")
      per = 1'000'000;
    else if (unit == "s")
      per = 1'000'000'000;
    else if (unit == "m")
      per = 60'000'000'000ULL;
    else if (unit == "h")
      per = 3'600'000'000'000ULL;
    if (per == 0) {
      error = "time: unknown unit \"" + std::string(unit) + "\" in duration " + quoted;
      return std::nullopt;
    }
    total += static_cast<uint128>(whole) * per;
    total += static_cast<uint128>(static_cast<long double>(frac) * static_cast<long double>(per) /
                                  static_cast<long double>(scale));
    if (total > static_cast<uint128>(INT64_MAX) + (negative ? 1 : 0)) return invalid();
    s.remove_prefix(u);
  }
  const int64_t magnitude =
      total > static_cast<uint128>(INT64_MAX) ? INT64_MIN : static_cast<int64_t>(total);
  return Duration{negative && magnitude != INT64_MIN ? -magnitude : magnitude};
}

std::string format_duration(Duration d) {
  // Go's algorithm: the largest unit first, fraction digits without trailing zeros.
  uint64_t u = d.nanos < 0 ? 0 - static_cast<uint64_t>(d.nanos) : static_cast<uint64_t>(d.nanos);
  const bool negative = d.nanos < 0;
  std::string out;
  auto frac = [](uint64_t v, int precision, std::string& text) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < precision; ++i) {
      const uint64_t digit = v % 10;
      print = print || digit != 0;
      if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
      v /= 10;
    }
    if (print) text = "." + digits + text;
    return v;
  };
  if (u < 1'000'000'000ULL) {
    int precision = 0;
    std::string unit;
    if (u == 0) return "0s";
    if (u < 1000) {
      unit = "ns";
    } else if (u < 1'000'000) {
      precision = 3;
      unit = "\xC2\xB5s";
    } else {
      precision = 6;
      unit = "ms";
    }
    std::string tail = unit;
    u = frac(u, precision, tail);
    out = std::to_string(u) + tail;
  } else {
    std::string tail = "s";
    u = frac(u, 9, tail);
    out = std::to_string(u % 60) + tail;
    u /= 60;
    if (u > 0) {
      out = std::to_string(u % 60) + "m" + out;
      u /= 60;
      if (u > 0) out = std::to_string(u) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

}  // namespace sluice::expr
