#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::native {

// A 256-bit two's-complement / unsigned integer as four little-endian 64-bit limbs: the memory
// layout of ClickHouse's (U)Int256 and Decimal256 on a little-endian host. The first 16 bytes
// are the (U)Int128 of the same value when it fits.
struct Wide256 {
  uint64_t limb[4] = {0, 0, 0, 0};
};

struct Wide128 {
  uint64_t limb[2] = {0, 0};
};

// Number of significant bits of `v` read as unsigned (0 for zero).
unsigned bit_width(const Wide256& v);

// Two's complement negation in place.
void negate(Wide256& v);

// v = v * 10 + digit; false on unsigned 256-bit overflow (v is then unspecified).
bool multiply_add_10(Wide256& v, unsigned digit);
// v = v * mul + add; false on unsigned 256-bit overflow (v is then unspecified).
bool multiply_add(Wide256& v, uint64_t mul, uint64_t add);

// A decimal number split into its significant digits and the power of ten that makes it
// value * 10^scale: value * 10^scale = sign * digits * 10^shift.
struct DecimalDigits {
  bool negative = false;
  char digits[80];
  uint32_t count = 0;  // 0 means the value is zero
  int64_t shift = 0;
};

// Parses "-12.50", "1e3", "+0.000" (decimal text with optional exponent). Returns nullptr or the
// problem ("is not a decimal number", or "out of range for the column's precision" for more than
// 80 significant digits).
const char* split_decimal_text(std::string_view text, uint32_t scale, DecimalDigits& out);

// The magnitude digits * 10^shift when shift >= 0 and it has at most `max_digits` digits;
// otherwise the problem (the scale or the precision message).
const char* decimal_magnitude(const DecimalDigits& d, uint32_t max_digits, Wide256& out);

// Integer text (as split_decimal_text, but the value must be whole) into a (U)Int of `bits`
// (128 or 256) bits, exactly, two's complement in `out`. Returns nullptr or the problem
// ("is not an integer", "is not a whole number", "is negative", "out of range").
const char* parse_wide_integer_text(std::string_view text, unsigned bits, bool is_signed,
                                    Wide256& out);

// The same check for a magnitude and sign already known.
const char* fit_wide_integer(const Wide256& magnitude, bool negative, unsigned bits, bool is_signed,
                             Wide256& out);

}  // namespace sluice::native
