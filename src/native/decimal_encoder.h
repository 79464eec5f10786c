#pragma once

#include <cstdint>
#include <string_view>

#include "native/column_encoder.h"
#include "native/wide_integer.h"

namespace sluice::native {

__extension__ typedef __int128 Int128;  // GCC/Clang builtin; __extension__ keeps -Wpedantic quiet

// Converts decimal text ("-12.50", "1e3", "0.000") to the unscaled value of Decimal(P, S):
// value * 10^S, exactly. Returns nullptr on success or the problem: a non-zero digit below the
// scale ("has more decimal places than the column's scale": never rounded), |value| >= 10^(P-S)
// ("out of range for the column's precision"), or text that is not a decimal number.
// P must be at most 38 (Decimal256 uses split_decimal_text/decimal_magnitude, wide_integer.h).
const char* parse_decimal_text(std::string_view text, uint32_t precision, uint32_t scale,
                               Int128& out);

// The decimal text of an Int, UInt or Float cell (floats in shortest round-trip form, so 0.1 is
// "0.1") written into `buf`, or the problem for other kinds / non-finite floats.
const char* number_text(const Cell& cell, char (&buf)[32], std::string_view& text);

// Decimal(P, S): Int32 (P <= 9), Int64 (P <= 18), Int128 (P <= 38) or Int256 (P <= 76) of
// value * 10^S.
// Accepts integers, floats (taken as their shortest decimal text, so 0.1 is exactly 0.1) and
// decimal strings; bools and everything else fail.
class DecimalEncoder final : public ColumnEncoder {
 public:
  DecimalEncoder(uint32_t precision, uint32_t scale) : precision_(precision), scale_(scale) {}
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  const char* convert(const Batch& batch, const Cell& cell, Int128& value) const;
  const char* convert_wide(const Batch& batch, const Cell& cell, Wide256& value) const;

  uint32_t precision_;
  uint32_t scale_;
};

}  // namespace sluice::native
