#pragma once

#include <cstdint>

#include "native/column_encoder.h"

namespace sluice::native {

// Date (UInt16 days), Date32 (Int32 days), DateTime / DateTime('tz') (UInt32 seconds) and
// DateTime64(p[, 'tz']) (Int64 ticks of 10^-p s). The time zone is display metadata only, so
// it plays no part here: every value is an absolute instant.
//
// Accepts RFC 3339 / ISO-8601 strings (see parse_iso_date_time; no zone = UTC), epoch numbers
// (integers, floats, or strings holding a plain integer) whose unit is told apart by magnitude
// (see instant_from_epoch). Sub-second digits the type cannot hold are dropped (DateTime has
// second precision); a Date takes the UTC day of the instant. Values outside the type's range
// fail: Date 1970-01-01..2149-06-06, DateTime 1970-01-01 00:00:00..2106-02-07 06:28:15,
// Date32 and DateTime64 1900-01-01..2299-12-31.
class DateTimeEncoder final : public ColumnEncoder {
 public:
  enum class Unit : uint8_t { Date, Date32, DateTime, DateTime64 };

  // `precision` is DateTime64's p (0..9); ignored otherwise.
  explicit DateTimeEncoder(Unit unit, uint32_t precision = 0);
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  Unit unit_;
  uint32_t precision_;
  int64_t ticks_per_second_;
};

}  // namespace sluice::native
