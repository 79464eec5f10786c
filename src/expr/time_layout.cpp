#include "expr/time_layout.h"

#include <cctype>
#include <cstdio>

#include "expr/civil_time.h"

namespace sluice::expr {
namespace {

using namespace civil;  // NOLINT(google-build-using-namespace)

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

std::string offset_text(int32_t offset, bool colon, bool z_for_utc, bool with_minutes = true) {
  if (z_for_utc && offset == 0) return "Z";
  std::string out = offset < 0 ? "-" : "+";
  const int32_t abs = offset < 0 ? -offset : offset;
  out += two(abs / 3600);
  if (!with_minutes) return out;
  if (colon) out += ':';
  out += two(abs / 60 % 60);
  return out;
}

// One chunk of a Go layout.
enum class Chunk {
  Literal,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekday,
  Weekday,
  Day,
  UnderDay,
  ZeroDay,
  YearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601ColonTZ,
  ISO8601ShortTZ,
  NumTZ,
  NumColonTZ,
  NumShortTZ,
  FracSecond0,
  FracSecond9
};

struct LayoutChunk {
  Chunk kind = Chunk::Literal;
  size_t length = 1;
  int digits = 0;  // fractional seconds
};

LayoutChunk next_chunk(std::string_view l, size_t i) {
  auto starts = [&](std::string_view s) { return l.substr(i, s.size()) == s; };
  const char c = l[i];
  switch (c) {
    case 'J':
      if (starts("January")) return {Chunk::LongMonth, 7};
      if (starts("Jan")) return {Chunk::Month, 3};
      break;
    case 'M':
      if (starts("Monday")) return {Chunk::LongWeekday, 6};
      if (starts("Mon")) return {Chunk::Weekday, 3};
      if (starts("MST")) return {Chunk::TZ, 3};
      break;
    case '0':
      if (starts("002")) return {Chunk::YearDay, 3};
      if (i + 1 < l.size() && l[i + 1] >= '1' && l[i + 1] <= '6') {
        static constexpr Chunk kZero[] = {Chunk::ZeroMonth,  Chunk::ZeroDay,    Chunk::ZeroHour12,
                                          Chunk::ZeroMinute, Chunk::ZeroSecond, Chunk::Year};
        return {kZero[l[i + 1] - '1'], 2};
      }
      break;
    case '1':
      if (starts("15")) return {Chunk::Hour, 2};
      return {Chunk::NumMonth, 1};
    case '2':
      if (starts("2006")) return {Chunk::LongYear, 4};
      return {Chunk::Day, 1};
    case '_':
      if (starts("_2")) return {Chunk::UnderDay, 2};
      break;
    case '3':
      return {Chunk::Hour12, 1};
    case '4':
      return {Chunk::Minute, 1};
    case '5':
      return {Chunk::Second, 1};
    case 'P':
      if (starts("PM")) return {Chunk::PM, 2};
      break;
    case 'p':
      if (starts("pm")) return {Chunk::pm, 2};
      break;
    case '-':
      if (starts("-07:00")) return {Chunk::NumColonTZ, 6};
      if (starts("-0700")) return {Chunk::NumTZ, 5};
      if (starts("-07")) return {Chunk::NumShortTZ, 3};
      break;
    case 'Z':
      if (starts("Z07:00")) return {Chunk::ISO8601ColonTZ, 6};
      if (starts("Z0700")) return {Chunk::ISO8601TZ, 5};
      if (starts("Z07")) return {Chunk::ISO8601ShortTZ, 3};
      break;
    case '.':
    case ',':
      if (i + 1 < l.size() && (l[i + 1] == '0' || l[i + 1] == '9')) {
        const char digit = l[i + 1];
        size_t j = i + 1;
        while (j < l.size() && l[j] == digit) ++j;
        if (j >= l.size() || l[j] < '0' || l[j] > '9') {
          return {digit == '0' ? Chunk::FracSecond0 : Chunk::FracSecond9, j - i,
                  static_cast<int>(j - i - 1)};
        }
      }
      break;
    default:
      break;
  }
  return {Chunk::Literal, 1};
}

std::string fraction(int32_t nanos, int digits, bool trim) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%09d", nanos);
  std::string f(buf, static_cast<size_t>(digits > 9 ? 9 : digits));
  if (trim) {
    while (!f.empty() && f.back() == '0') f.pop_back();
    if (f.empty()) return "";
  }
  return "." + f;
}

class DateParser {
 public:
  DateParser(std::string_view value, std::string_view layout) : v_(value), l_(layout) {}

  std::optional<Time> run(std::string& error) {
    int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
    int32_t offset = 0;
    std::string zone = "UTC";
    bool pm_set = false, pm = false;
    size_t vi = 0;
    for (size_t li = 0; li < l_.size();) {
      const LayoutChunk chunk = next_chunk(l_, li);
      const std::string_view token = l_.substr(li, chunk.length);
      li += chunk.length;
      const std::string_view rest = v_.substr(vi);
      auto bad = [&]() {
        error = "parsing time \"" + std::string(v_) + "\" as \"" + std::string(l_) +
                "\": cannot parse \"" + std::string(rest) + "\" as \"" + std::string(token) + "\"";
        return std::nullopt;
      };
      switch (chunk.kind) {
        case Chunk::Literal:
          if (vi >= v_.size() || v_[vi] != token[0]) return bad();
          ++vi;
          break;
        case Chunk::LongYear:
          if (!number(vi, 4, 4, year)) return bad();
          break;
        case Chunk::Year:
          if (!number(vi, 2, 2, year)) return bad();
          year += year >= 69 ? 1900 : 2000;
          break;
        case Chunk::LongMonth:
        case Chunk::Month:
          if (!name(vi, chunk.kind == Chunk::Month, kMonths.data(), 12, month)) return bad();
          ++month;
          break;
        case Chunk::LongWeekday:
        case Chunk::Weekday: {
          int64_t ignored = 0;
          if (!name(vi, chunk.kind == Chunk::Weekday, kDays.data(), 7, ignored)) return bad();
          break;
        }
        case Chunk::NumMonth:
        case Chunk::ZeroMonth:
          if (!number(vi, chunk.kind == Chunk::ZeroMonth ? 2 : 1, 2, month)) return bad();
          break;
        case Chunk::Day:
        case Chunk::ZeroDay:
          if (!number(vi, chunk.kind == Chunk::ZeroDay ? 2 : 1, 2, day)) return bad();
          break;
        case Chunk::UnderDay:
          if (vi < v_.size() && v_[vi] == ' ') ++vi;
          if (!number(vi, 1, 2, day)) return bad();
          break;
        case Chunk::YearDay: {
          int64_t ignored = 0;
          if (!number(vi, 3, 3, ignored)) return bad();
          break;
        }
        case Chunk::Hour:
          if (!number(vi, 2, 2, hour) || hour > 23) return bad();
          break;
        case Chunk::Hour12:
        case Chunk::ZeroHour12:
          if (!number(vi, chunk.kind == Chunk::ZeroHour12 ? 2 : 1, 2, hour) || hour > 12)
            return bad();
          break;
        case Chunk::Minute:
        case Chunk::ZeroMinute:
          if (!number(vi, chunk.kind == Chunk::ZeroMinute ? 2 : 1, 2, minute) || minute > 59)
            return bad();
          break;
        case Chunk::Second:
        case Chunk::ZeroSecond: {
          if (!number(vi, chunk.kind == Chunk::ZeroSecond ? 2 : 1, 2, second) || second > 59)
            return bad();
          // Go accepts a fraction after the seconds even when the layout has none.
          const bool layout_has_fraction =
              li < l_.size() && (next_chunk(l_, li).kind == Chunk::FracSecond0 ||
                                 next_chunk(l_, li).kind == Chunk::FracSecond9);
          if (!layout_has_fraction && vi + 1 < v_.size() && (v_[vi] == '.' || v_[vi] == ',') &&
              v_[vi + 1] >= '0' && v_[vi + 1] <= '9') {
            ++vi;
            nanos = fraction_digits(vi);
          }
          break;
        }
        case Chunk::FracSecond0:
        case Chunk::FracSecond9:
          if (vi < v_.size() && (v_[vi] == '.' || v_[vi] == ',')) {
            ++vi;
            const size_t start = vi;
            nanos = fraction_digits(vi);
            if (chunk.kind == Chunk::FracSecond0 &&
                vi - start != static_cast<size_t>(chunk.digits)) {
              return bad();
            }
          } else if (chunk.kind == Chunk::FracSecond0) {
            return bad();
          }
          break;
        case Chunk::PM:
        case Chunk::pm: {
          if (vi + 2 > v_.size()) return bad();
          std::string ap(v_.substr(vi, 2));
          for (char& ch : ap) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
          if (ap != "AM" && ap != "PM") return bad();
          pm_set = true;
          pm = ap == "PM";
          vi += 2;
          break;
        }
        case Chunk::TZ: {
          size_t j = vi;
          while (j < v_.size() && v_[j] >= 'A' && v_[j] <= 'Z') ++j;
          if (j - vi < 3) return bad();
          zone = std::string(v_.substr(vi, j - vi));
          offset = 0;
          vi = j;
          break;
        }
        case Chunk::ISO8601TZ:
        case Chunk::ISO8601ColonTZ:
        case Chunk::ISO8601ShortTZ:
        case Chunk::NumTZ:
        case Chunk::NumColonTZ:
        case Chunk::NumShortTZ: {
          const bool iso = chunk.kind == Chunk::ISO8601TZ || chunk.kind == Chunk::ISO8601ColonTZ ||
                           chunk.kind == Chunk::ISO8601ShortTZ;
          if (iso && vi < v_.size() && v_[vi] == 'Z') {
            ++vi;
            offset = 0;
            zone = "UTC";
            break;
          }
          if (vi >= v_.size() || (v_[vi] != '+' && v_[vi] != '-')) return bad();
          const bool negative = v_[vi] == '-';
          ++vi;
          int64_t hh = 0, mm = 0;
          if (!number(vi, 2, 2, hh)) return bad();
          const bool colon = chunk.kind == Chunk::ISO8601ColonTZ || chunk.kind == Chunk::NumColonTZ;
          const bool short_tz =
              chunk.kind == Chunk::ISO8601ShortTZ || chunk.kind == Chunk::NumShortTZ;
          if (!short_tz) {
            if (colon) {
              if (vi >= v_.size() || v_[vi] != ':') return bad();
              ++vi;
            }
            if (!number(vi, 2, 2, mm)) return bad();
          }
          offset = static_cast<int32_t>((hh * 3600 + mm * 60) * (negative ? -1 : 1));
          zone = offset == 0 ? "UTC" : "";
          break;
        }
      }
    }
    if (vi != v_.size()) {
      error = "parsing time \"" + std::string(v_) + "\": extra text: \"" +
              std::string(v_.substr(vi)) + "\"";
      return std::nullopt;
    }
    if (pm_set) {
      if (pm && hour < 12) hour += 12;
      if (!pm && hour == 12) hour = 0;
    }
    if (month < 1 || month > 12) {
      error = "parsing time \"" + std::string(v_) + "\": month out of range";
      return std::nullopt;
    }
    if (day < 1 || day > days_in_month(year, static_cast<int>(month))) {
      error = "parsing time \"" + std::string(v_) + "\": day out of range";
      return std::nullopt;
    }
    return make_time(year, month, day, hour, minute, second, nanos, offset, zone);
  }

 private:
  bool number(size_t& vi, size_t min_digits, size_t max_digits, int64_t& out) const {
    size_t n = 0;
    int64_t value = 0;
    while (n < max_digits && vi + n < v_.size() && v_[vi + n] >= '0' && v_[vi + n] <= '9') {
      value = value * 10 + (v_[vi + n] - '0');
      ++n;
    }
    if (n < min_digits) return false;
    vi += n;
    out = value;
    return true;
  }

  int64_t fraction_digits(size_t& vi) const {
    int64_t nanos = 0;
    int digits = 0;
    while (vi < v_.size() && v_[vi] >= '0' && v_[vi] <= '9') {
      if (digits < 9) {
        nanos = nanos * 10 + (v_[vi] - '0');
        ++digits;
      }
      ++vi;
    }
    while (digits++ < 9) nanos *= 10;
    return nanos;
  }

  bool name(size_t& vi, bool short_form, const std::string_view* names, int count,
            int64_t& out) const {
    for (int i = 0; i < count; ++i) {
      const std::string_view want = short_form ? names[i].substr(0, 3) : names[i];
      if (v_.size() - vi >= want.size()) {
        bool same = true;
        for (size_t k = 0; k < want.size(); ++k) {
          if (std::tolower(static_cast<unsigned char>(v_[vi + k])) !=
              std::tolower(static_cast<unsigned char>(want[k])))
            same = false;
        }
        if (same) {
          vi += want.size();
          out = i;
          return true;
        }
      }
    }
    return false;
  }

  std::string_view v_, l_;
};

}  // namespace

std::optional<Time> parse_date(std::string_view text, std::string_view layout, std::string& error) {
  if (!layout.empty()) return DateParser(text, layout).run(error);
  static constexpr std::array<std::string_view, 7> kLayouts = {"2006-01-02",
                                                               "15:04:05",
                                                               "2006-01-02 15:04:05",
                                                               "2006-01-02T15:04:05Z07:00",
                                                               "02 Jan 06 15:04 MST",
                                                               "Monday, 02-Jan-06 15:04:05 MST",
                                                               "Mon, 02 Jan 2006 15:04:05 MST"};
  for (std::string_view candidate : kLayouts) {
    std::string ignored;
    if (auto t = DateParser(text, candidate).run(ignored)) return t;
  }
  error = "invalid date " + std::string(text);
  return std::nullopt;
}

std::string format_time(const Time& t, std::string_view layout) {
  const Civil c = civil_of(t);
  std::string out;
  for (size_t i = 0; i < layout.size();) {
    const LayoutChunk chunk = next_chunk(layout, i);
    const std::string_view token = layout.substr(i, chunk.length);
    i += chunk.length;
    const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    switch (chunk.kind) {
      case Chunk::Literal:
        out += token;
        break;
      case Chunk::LongMonth:
        out += kMonths[static_cast<size_t>(c.month - 1)];
        break;
      case Chunk::Month:
        out += kMonths[static_cast<size_t>(c.month - 1)].substr(0, 3);
        break;
      case Chunk::NumMonth:
        out += std::to_string(c.month);
        break;
      case Chunk::ZeroMonth:
        out += two(c.month);
        break;
      case Chunk::LongWeekday:
        out += kDays[static_cast<size_t>(c.weekday)];
        break;
      case Chunk::Weekday:
        out += kDays[static_cast<size_t>(c.weekday)].substr(0, 3);
        break;
      case Chunk::Day:
        out += std::to_string(c.day);
        break;
      case Chunk::UnderDay:
        out += (c.day < 10 ? " " : "") + std::to_string(c.day);
        break;
      case Chunk::ZeroDay:
        out += two(c.day);
        break;
      case Chunk::YearDay: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03d", c.yday);
        out += buf;
        break;
      }
      case Chunk::Hour:
        out += two(c.hour);
        break;
      case Chunk::Hour12:
        out += std::to_string(hour12);
        break;
      case Chunk::ZeroHour12:
        out += two(hour12);
        break;
      case Chunk::Minute:
        out += std::to_string(c.minute);
        break;
      case Chunk::ZeroMinute:
        out += two(c.minute);
        break;
      case Chunk::Second:
        out += std::to_string(c.second);
        break;
      case Chunk::ZeroSecond:
        out += two(c.second);
        break;
      case Chunk::LongYear: {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(c.year));
        out += buf;
        break;
      }
      case Chunk::Year:
        out += two(static_cast<int>(((c.year % 100) + 100) % 100));
        break;
      case Chunk::PM:
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case Chunk::pm:
        out += c.hour >= 12 ? "pm" : "am";
        break;
      case Chunk::TZ:
        out += t.zone.empty() ? offset_text(t.offset_seconds, false, false) : t.zone;
        break;
      case Chunk::ISO8601TZ:
        out += offset_text(t.offset_seconds, false, true);
        break;
      case Chunk::ISO8601ColonTZ:
        out += offset_text(t.offset_seconds, true, true);
        break;
      case Chunk::ISO8601ShortTZ:
        out += offset_text(t.offset_seconds, false, true, false);
        break;
      case Chunk::NumTZ:
        out += offset_text(t.offset_seconds, false, false);
        break;
      case Chunk::NumColonTZ:
        out += offset_text(t.offset_seconds, true, false);
        break;
      case Chunk::NumShortTZ:
        out += offset_text(t.offset_seconds, false, false, false);
        break;
      case Chunk::FracSecond0:
        out += fraction(t.nanos, chunk.digits, false);
        break;
      case Chunk::FracSecond9:
        out += fraction(t.nanos, chunk.digits, true);
        break;
    }
  }
  return out;
}

std::string time_string(const Time& t) {
  return format_time(t, "2006-01-02 15:04:05.999999999 -0700 MST");
}

std::string time_rfc3339(const Time& t) {
  return format_time(t, "2006-01-02T15:04:05.999999999Z07:00");
}

}  // namespace sluice::expr
