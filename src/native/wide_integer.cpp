#include "native/wide_integer.h"

#include <algorithm>

namespace sluice::native {
namespace {

__extension__ typedef unsigned __int128 U128;

constexpr const char* kNotDecimal = "is not a decimal number";
constexpr const char* kPrecision = "out of range for the column's precision";

}  // namespace

unsigned bit_width(const Wide256& v) {
  for (int i = 3; i >= 0; --i) {
    if (v.limb[i] != 0) return static_cast<unsigned>(i * 64 + 64 - __builtin_clzll(v.limb[i]));
  }
  return 0;
}

void negate(Wide256& v) {
  uint64_t carry = 1;
  for (uint64_t& l : v.limb) {
    const U128 sum = static_cast<U128>(~l) + carry;
    l = static_cast<uint64_t>(sum);
    carry = static_cast<uint64_t>(sum >> 64);
  }
}

bool multiply_add(Wide256& v, uint64_t mul, uint64_t add) {
  uint64_t carry = add;
  for (uint64_t& l : v.limb) {
    const U128 product = static_cast<U128>(l) * mul + carry;
    l = static_cast<uint64_t>(product);
    carry = static_cast<uint64_t>(product >> 64);
  }
  return carry == 0;
}

bool multiply_add_10(Wide256& v, unsigned digit) {
  return multiply_add(v, 10, digit);
}

const char* split_decimal_text(std::string_view text, uint32_t scale, DecimalDigits& out) {
  size_t pos = 0;
  out = DecimalDigits{};
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
    out.negative = text[pos++] == '-';
  int64_t exponent = 0;
  size_t mantissa_digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++mantissa_digits;
    if (seen_point) --exponent;
    if (c == '0' && out.count == 0) continue;  // leading zeros
    if (out.count == sizeof(out.digits)) {
      // Far beyond any precision unless only zeros follow: they only move the exponent.
      if (c != '0') return kPrecision;
      ++exponent;
      continue;
    }
    out.digits[out.count++] = c;
  }
  if (mantissa_digits == 0) return kNotDecimal;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
      exp_negative = text[pos++] == '-';
    const size_t start = pos;
    int64_t e = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (e < 100000) e = e * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return kNotDecimal;
    exponent += exp_negative ? -e : e;
  }
  if (pos != text.size()) return kNotDecimal;
  while (out.count > 0 && out.digits[out.count - 1] == '0') {  // trailing zeros: exponent only
    --out.count;
    ++exponent;
  }
  out.shift = exponent + scale;
  return nullptr;
}

const char* decimal_magnitude(const DecimalDigits& d, uint32_t max_digits, Wide256& out) {
  out = Wide256{};
  if (d.count == 0) return nullptr;
  if (d.shift < 0) return "has more decimal places than the column's scale";
  if (static_cast<int64_t>(d.count) + d.shift > max_digits) return kPrecision;
  // Up to 18 digits at a time: one wide multiplication per chunk instead of per digit.
  static constexpr uint64_t kPow10[19] = {1,
                                          10,
                                          100,
                                          1000,
                                          10000,
                                          100000,
                                          1000000,
                                          10000000,
                                          100000000,
                                          1000000000,
                                          10000000000,
                                          100000000000,
                                          1000000000000,
                                          10000000000000,
                                          100000000000000,
                                          1000000000000000,
                                          10000000000000000,
                                          100000000000000000,
                                          1000000000000000000};
  for (uint32_t i = 0; i < d.count;) {
    const uint32_t n = std::min<uint32_t>(18, d.count - i);
    uint64_t chunk = 0;
    for (uint32_t k = 0; k < n; ++k)
      chunk = chunk * 10 + static_cast<uint64_t>(d.digits[i + k] - '0');
    if (!multiply_add(out, kPow10[n], chunk)) return kPrecision;
    i += n;
  }
  for (int64_t left = d.shift; left > 0;) {
    const int64_t n = std::min<int64_t>(18, left);
    if (!multiply_add(out, kPow10[n], 0)) return kPrecision;
    left -= n;
  }
  return nullptr;
}

const char* fit_wide_integer(const Wide256& magnitude, bool negative, unsigned bits, bool is_signed,
                             Wide256& out) {
  const unsigned width = bit_width(magnitude);
  out = magnitude;
  if (width == 0) return nullptr;
  if (!is_signed) {
    if (negative) return "is negative";
    if (width > bits) return "out of range";
    return nullptr;
  }
  if (negative) {
    // -2^(bits-1) is the one value whose magnitude has `bits` significant bits.
    const bool is_min = width == bits && [&] {
      Wide256 power{};
      power.limb[(bits - 1) / 64] = uint64_t{1} << ((bits - 1) % 64);
      for (int i = 0; i < 4; ++i)
        if (power.limb[i] != magnitude.limb[i]) return false;
      return true;
    }();
    if (width >= bits && !is_min) return "out of range";
    negate(out);
    return nullptr;
  }
  if (width >= bits) return "out of range";
  return nullptr;
}

const char* parse_wide_integer_text(std::string_view text, unsigned bits, bool is_signed,
                                    Wide256& out) {
  DecimalDigits d;
  if (split_decimal_text(text, 0, d) != nullptr) return "is not an integer";
  if (d.shift < 0 && d.count > 0) return "is not a whole number";
  Wide256 magnitude;
  if (decimal_magnitude(d, 78, magnitude) != nullptr) return "out of range";
  return fit_wide_integer(magnitude, d.negative, bits, is_signed, out);
}

}  // namespace sluice::native
