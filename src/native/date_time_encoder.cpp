#include "native/date_time_encoder.h"

#include "native/date_time_text.h"
#include "native/fixed_width_writer.h"
#include "native/number_text.h"

namespace sluice::native {
namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr int64_t kDate32MinDays = -25567;  // 1900-01-01
constexpr int64_t kDate32MaxDays = 120529;  // 2299-12-31
constexpr const char* kNotDateTime =
    "is not a date-time (expected RFC 3339 / ISO-8601, RFC 1123/822/850, ANSIC, MM/DD/YYYY, "
    "DD.MM.YYYY, YYYY/MM/DD, \"Jan 2, 2006\", \"2 Jan 2006\" or an epoch number)";

int64_t floor_days(int64_t seconds) {
  int64_t q = seconds / kSecondsPerDay;
  return seconds % kSecondsPerDay < 0 ? q - 1 : q;
}

// Any present cell to an instant, or the problem.
const char* to_instant(const Batch& batch, const Cell& cell, Instant& out) {
  switch (cell.kind) {
    case ValueKind::String: {
      std::string_view text = batch.text(cell);
      if (parse_date_time_text(text, out)) return nullptr;
      int64_t epoch = 0;
      if (parse_int64_text(text, epoch)) {
        out = instant_from_epoch(epoch);
        return nullptr;
      }
      return kNotDateTime;
    }
    case ValueKind::Int:
      out = instant_from_epoch(cell.i);
      return nullptr;
    case ValueKind::UInt:
      return "out of range";  // above INT64_MAX nanoseconds: beyond the year 2262
    case ValueKind::Float:
      return instant_from_epoch(cell.f, out) ? nullptr : "out of range";
    default:
      return "cannot be converted to a date-time";
  }
}

}  // namespace

DateTimeEncoder::DateTimeEncoder(Unit unit, uint32_t precision)
    : unit_(unit), precision_(precision), ticks_per_second_(1) {
  for (uint32_t i = 0; i < precision_; ++i) ticks_per_second_ *= 10;
}

void DateTimeEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                 std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  switch (unit_) {
    case Unit::Date:
      write_fixed_values<uint16_t>(slice, out, failures,
                                   [&batch](const Cell& cell, uint16_t& value) -> const char* {
                                     Instant t;
                                     if (const char* problem = to_instant(batch, cell, t))
                                       return problem;
                                     int64_t days = floor_days(t.seconds);
                                     if (days < 0 || days > 65535)
                                       return "out of range for Date (1970-01-01 to 2149-06-06)";
                                     value = static_cast<uint16_t>(days);
                                     return nullptr;
                                   });
      return;
    case Unit::Date32:
      write_fixed_values<int32_t>(slice, out, failures,
                                  [&batch](const Cell& cell, int32_t& value) -> const char* {
                                    Instant t;
                                    if (const char* problem = to_instant(batch, cell, t))
                                      return problem;
                                    int64_t days = floor_days(t.seconds);
                                    if (days < kDate32MinDays || days > kDate32MaxDays)
                                      return "out of range for Date32 (1900-01-01 to 2299-12-31)";
                                    value = static_cast<int32_t>(days);
                                    return nullptr;
                                  });
      return;
    case Unit::DateTime:
      write_fixed_values<uint32_t>(
          slice, out, failures, [&batch](const Cell& cell, uint32_t& value) -> const char* {
            Instant t;
            if (const char* problem = to_instant(batch, cell, t)) return problem;
            if (t.seconds < 0 || t.seconds > 4294967295LL)
              return "out of range for DateTime (1970-01-01 00:00:00 to 2106-02-07 06:28:15 UTC)";
            value = static_cast<uint32_t>(t.seconds);
            return nullptr;
          });
      return;
    case Unit::DateTime64: {
      const int64_t per_second = ticks_per_second_;
      write_fixed_values<int64_t>(
          slice, out, failures,
          [&batch, per_second](const Cell& cell, int64_t& value) -> const char* {
            Instant t;
            if (const char* problem = to_instant(batch, cell, t)) return problem;
            if (t.seconds < kDate32MinDays * kSecondsPerDay ||
                t.seconds >= (kDate32MaxDays + 1) * kSecondsPerDay)
              return "out of range for DateTime64 (1900-01-01 to 2299-12-31)";
            value = t.seconds * per_second + t.nanos / (1'000'000'000 / per_second);
            return nullptr;
          });
      return;
    }
  }
}

}  // namespace sluice::native
