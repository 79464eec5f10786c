#include "base/duration.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sluice {
namespace {

struct DurationUnit {
  std::string_view name;
  int64_t nanos;
};

// Longest names first where one is a prefix of another ("ms" before "m").
constexpr std::array<DurationUnit, 9> kUnits{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // U+00B5 MICRO SIGN, as Go accepts
    {"\xCE\xBCs", 1'000},  // U+03BC GREEK SMALL LETTER MU, as Go accepts
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
}};

Error invalid(std::string_view text, std::string_view why) {
  return Error(ErrorCode::InvalidArgument,
               "\"" + std::string(text) + "\" is not a valid duration: " + std::string(why));
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

Result<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  const std::string_view original = text;
  if (text.empty()) return invalid(original, "it is empty; write e.g. \"30s\" or \"1m\"");
  if (text.front() == '-') return invalid(original, "durations cannot be negative");
  if (text.front() == '+') text.remove_prefix(1);
  if (text == "0") return std::chrono::nanoseconds{0};
  if (text.empty()) return invalid(original, "a number with a unit is missing after '+'");

  int64_t total = 0;
  while (!text.empty()) {
    // Integer part, optional fraction, then a unit: "1.5h".
    size_t i = 0;
    uint64_t whole = 0;
    bool whole_overflow = false;
    while (i < text.size() && is_digit(text[i])) {
      if (whole > (std::numeric_limits<uint64_t>::max() - 9) / 10) whole_overflow = true;
      whole = whole * 10 + static_cast<uint64_t>(text[i] - '0');
      ++i;
    }
    const bool has_whole = i > 0;
    uint64_t fraction = 0;
    uint64_t scale = 1;
    bool has_fraction = false;
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && is_digit(text[i])) {
        has_fraction = true;
        // Digits beyond nanosecond precision of the largest unit cannot matter.
        if (scale < 1'000'000'000'000'000'000ULL) {
          fraction = fraction * 10 + static_cast<uint64_t>(text[i] - '0');
          scale *= 10;
        }
        ++i;
      }
    }
    if (!has_whole && !has_fraction) {
      return invalid(original, "expected a number, e.g. \"30s\", \"1.5h\", \"1h30m\"");
    }
    size_t unit_end = i;
    while (unit_end < text.size() && !is_digit(text[unit_end]) && text[unit_end] != '.') {
      ++unit_end;
    }
    const std::string_view unit_name = text.substr(i, unit_end - i);
    if (unit_name.empty()) {
      return invalid(original, "a unit is missing (use ns, us, ms, s, m, h or d)");
    }
    const DurationUnit* unit = nullptr;
    for (const DurationUnit& candidate : kUnits) {
      if (candidate.name == unit_name) unit = &candidate;
    }
    if (unit == nullptr) {
      return invalid(original, "unknown unit \"" + std::string(unit_name) +
                                   "\" (use ns, us, ms, s, m, h or d)");
    }
    int64_t part = 0;
    if (whole_overflow || whole > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) ||
        __builtin_mul_overflow(static_cast<int64_t>(whole), unit->nanos, &part)) {
      return invalid(original, "it is too large (at most about 292 years)");
    }
    if (fraction != 0) {
      const long double extra = static_cast<long double>(fraction) /
                                static_cast<long double>(scale) *
                                static_cast<long double>(unit->nanos);
      if (__builtin_add_overflow(part, static_cast<int64_t>(std::llround(extra)), &part)) {
        return invalid(original, "it is too large (at most about 292 years)");
      }
    }
    if (__builtin_add_overflow(total, part, &total)) {
      return invalid(original, "it is too large (at most about 292 years)");
    }
    text.remove_prefix(unit_end);
  }
  return std::chrono::nanoseconds{total};
}

std::string format_duration(std::chrono::nanoseconds duration) {
  int64_t left = duration.count();
  if (left == 0) return "0s";
  std::string out;
  uint64_t magnitude = 0;
  if (left < 0) {
    out = "-";
    magnitude = static_cast<uint64_t>(-(left + 1)) + 1;  // safe for INT64_MIN
  } else {
    magnitude = static_cast<uint64_t>(left);
  }
  // Largest unit first; the two spellings of micro are parse-only aliases.
  static constexpr std::array<DurationUnit, 7> kFormatUnits{{
      {"d", 86'400'000'000'000},
      {"h", 3'600'000'000'000},
      {"m", 60'000'000'000},
      {"s", 1'000'000'000},
      {"ms", 1'000'000},
      {"us", 1'000},
      {"ns", 1},
  }};
  for (const DurationUnit& unit : kFormatUnits) {
    const uint64_t count = magnitude / static_cast<uint64_t>(unit.nanos);
    if (count == 0) continue;
    out += std::to_string(count);
    out += unit.name;
    magnitude -= count * static_cast<uint64_t>(unit.nanos);
  }
  return out;
}

}  // namespace sluice
