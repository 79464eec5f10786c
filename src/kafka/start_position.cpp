#include "kafka/start_position.h"

#include <ctime>
#include <string>

namespace sluice::kafka {
namespace {

bool digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

Error bad(std::string_view text) {
  return Error(ErrorCode::InvalidArgument,
               "--from-timestamp takes epoch milliseconds or an ISO 8601 time such as "
               "2026-01-15T10:30:00Z, got \"" +
                   std::string(text) + "\"");
}

}  // namespace

Result<StartPosition> parse_start_timestamp(std::string_view text) {
  StartPosition out{StartPosition::Kind::Timestamp, 0};
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (text.size() > 15) return bad(text);
    out.timestamp_ms = std::stoll(std::string(text));
    return out;
  }
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day))
    return bad(text);
  size_t pos = 10;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    if (!digits(text, pos + 1, 2, hour) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, minute))
      return bad(text);
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!digits(text, pos + 1, 2, second)) return bad(text);
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        size_t end = pos + 1;
        int scale = 100;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
          millis += (text[end] - '0') * scale;
          scale /= 10;
          ++end;
        }
        if (end == pos + 1) return bad(text);
        pos = end;
      }
    }
  }
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] == 'Z' || text[pos] == 'z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      int oh = 0, om = 0;
      if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
          !digits(text, pos + 4, 2, om))
        return bad(text);
      offset_seconds = (text[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
      pos += 6;
    }
  }
  if (pos != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60)
    return bad(text);
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const int64_t epoch = static_cast<int64_t>(timegm(&tm)) - offset_seconds;
  out.timestamp_ms = epoch * 1000 + millis;
  return out;
}

}  // namespace sluice::kafka
