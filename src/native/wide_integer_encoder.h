#pragma once

#include "native/column_encoder.h"

namespace sluice::native {

// Int128, UInt128, Int256 and UInt256: 16 or 32 little-endian two's-complement bytes.
// Accepts integers, whole floats (by their shortest decimal text, as Decimal does), bools as 0/1
// and decimal strings of any length ("-170141183460469231731687303715884105728", "1e30"),
// converted exactly; anything out of the type's range, fractional or negative into an unsigned
// type fails.
class WideIntegerEncoder final : public ColumnEncoder {
 public:
  WideIntegerEncoder(unsigned bits, bool is_signed) : bits_(bits), signed_(is_signed) {}
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  unsigned bits_;
  bool signed_;
};

}  // namespace sluice::native
