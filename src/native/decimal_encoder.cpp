#include "native/decimal_encoder.h"

#include <charconv>
#include <cmath>

#include "native/fixed_width_writer.h"

namespace sluice::native {
namespace {

constexpr const char* kNotDecimal = "is not a decimal number";

}  // namespace

const char* parse_decimal_text(std::string_view text, uint32_t precision, uint32_t scale,
                               Int128& out) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  // Significant digits (without leading zeros) and the power of ten of the last one.
  char digits[80];
  size_t count = 0;
  int64_t exponent = 0;
  size_t mantissa_digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++mantissa_digits;
    if (seen_point) --exponent;
    if (c == '0' && count == 0) continue;
    if (count == sizeof(digits)) {
      // Far beyond any precision unless only zeros follow: account for them in the exponent.
      if (c != '0') return "out of range for the column's precision";
      ++exponent;
      continue;
    }
    digits[count++] = c;
  }
  if (mantissa_digits == 0) return kNotDecimal;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+'))
      exp_negative = text[pos++] == '-';
    size_t start = pos;
    int64_t e = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (e < 100000) e = e * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return kNotDecimal;
    exponent += exp_negative ? -e : e;
  }
  if (pos != text.size()) return kNotDecimal;
  // Trailing zeros of the mantissa only move the exponent.
  while (count > 0 && digits[count - 1] == '0') {
    --count;
    ++exponent;
  }
  if (count == 0) {
    out = 0;
    return nullptr;
  }
  // value = digits * 10^exponent; stored = value * 10^scale = digits * 10^shift.
  const int64_t shift = exponent + scale;
  if (shift < 0) return "has more decimal places than the column's scale";
  if (static_cast<int64_t>(count) + shift > precision)
    return "out of range for the column's precision";
  Int128 v = 0;
  for (size_t i = 0; i < count; ++i) v = v * 10 + (digits[i] - '0');
  for (int64_t i = 0; i < shift; ++i) v *= 10;
  out = negative ? -v : v;
  return nullptr;
}

const char* DecimalEncoder::convert(const Batch& batch, const Cell& cell, Int128& value) const {
  char buf[32];
  std::to_chars_result r{buf, std::errc()};
  switch (cell.kind) {
    case ValueKind::String:
      return parse_decimal_text(batch.text(cell), precision_, scale_, value);
    case ValueKind::Int:
      r = std::to_chars(buf, buf + sizeof(buf), cell.i);
      break;
    case ValueKind::UInt:
      r = std::to_chars(buf, buf + sizeof(buf), cell.u);
      break;
    case ValueKind::Float:
      if (!std::isfinite(cell.f)) return "is not a finite number";
      // The shortest text that reads back as the same double is the decimal the producer meant.
      r = std::to_chars(buf, buf + sizeof(buf), cell.f);
      break;
    default:
      return "cannot be converted to a decimal";
  }
  return parse_decimal_text(std::string_view(buf, static_cast<size_t>(r.ptr - buf)), precision_,
                            scale_, value);
}

// The decimal text of a number cell into `buf`, or the problem.
const char* number_text(const Cell& cell, char (&buf)[32], std::string_view& text) {
  std::to_chars_result r{buf, std::errc()};
  switch (cell.kind) {
    case ValueKind::Int:
      r = std::to_chars(buf, buf + sizeof(buf), cell.i);
      break;
    case ValueKind::UInt:
      r = std::to_chars(buf, buf + sizeof(buf), cell.u);
      break;
    case ValueKind::Float:
      if (!std::isfinite(cell.f)) return "is not a finite number";
      r = std::to_chars(buf, buf + sizeof(buf), cell.f);
      break;
    default:
      return "cannot be converted to a decimal";
  }
  text = std::string_view(buf, static_cast<size_t>(r.ptr - buf));
  return nullptr;
}

const char* DecimalEncoder::convert_wide(const Batch& batch, const Cell& cell,
                                         Wide256& value) const {
  char buf[32];
  std::string_view text;
  if (cell.kind == ValueKind::String) {
    text = batch.text(cell);
  } else if (const char* problem = number_text(cell, buf, text)) {
    return problem;
  }
  DecimalDigits digits;
  if (const char* problem = split_decimal_text(text, scale_, digits)) return problem;
  Wide256 magnitude;
  if (const char* problem = decimal_magnitude(digits, precision_, magnitude)) return problem;
  value = magnitude;
  if (digits.negative) negate(value);
  return nullptr;
}

void DecimalEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  if (precision_ <= 9) {
    write_fixed_values<int32_t>(slice, out, failures, [&](const Cell& cell, int32_t& value) {
      Int128 v = 0;
      const char* problem = convert(batch, cell, v);
      value = static_cast<int32_t>(v);
      return problem;
    });
  } else if (precision_ <= 18) {
    write_fixed_values<int64_t>(slice, out, failures, [&](const Cell& cell, int64_t& value) {
      Int128 v = 0;
      const char* problem = convert(batch, cell, v);
      value = static_cast<int64_t>(v);
      return problem;
    });
  } else if (precision_ <= 38) {
    write_fixed_values<Int128>(slice, out, failures, [&](const Cell& cell, Int128& value) {
      return convert(batch, cell, value);
    });
  } else {
    write_fixed_values<Wide256>(slice, out, failures, [&](const Cell& cell, Wide256& value) {
      return convert_wide(batch, cell, value);
    });
  }
}

}  // namespace sluice::native
