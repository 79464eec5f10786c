#include "native/integer_encoder.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "native/fixed_width_writer.h"
#include "native/number_text.h"

namespace sluice::native {
namespace {

constexpr const char* kOutOfRange = "out of range";
constexpr const char* kNegative = "is negative";

template <typename T>
const char* from_int64(int64_t v, T& out) {
  if constexpr (std::is_signed_v<T>) {
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return kOutOfRange;
  } else {
    if (v < 0) return kNegative;
    if (static_cast<uint64_t>(v) > std::numeric_limits<T>::max()) return kOutOfRange;
  }
  out = static_cast<T>(v);
  return nullptr;
}

template <typename T>
const char* from_uint64(uint64_t v, T& out) {
  if (v > static_cast<uint64_t>(std::numeric_limits<T>::max())) return kOutOfRange;
  out = static_cast<T>(v);
  return nullptr;
}

template <typename T>
const char* from_double(double v, T& out) {
  if (!std::isfinite(v)) return "is not a finite number";
  if (std::trunc(v) != v) return "is not a whole number";
  // 2^63 and 2^64 are exact doubles; casting only values strictly inside them is defined.
  if (v < 0) {
    if constexpr (!std::is_signed_v<T>) return kNegative;
    if (v < -9223372036854775808.0) return kOutOfRange;
    return from_int64(static_cast<int64_t>(v), out);
  }
  if (v >= 18446744073709551616.0) return kOutOfRange;
  return from_uint64(static_cast<uint64_t>(v), out);
}

}  // namespace

template <typename T>
const char* convert_integer(const Batch& batch, const Cell& cell, T& out) {
  switch (cell.kind) {
    case ValueKind::Int:
      return from_int64(cell.i, out);
    case ValueKind::UInt:
      return from_uint64(cell.u, out);
    case ValueKind::Float:
      return from_double(cell.f, out);
    case ValueKind::Bool:
      out = cell.b ? 1 : 0;
      return nullptr;
    case ValueKind::String: {
      std::string_view text = batch.text(cell);
      int64_t i = 0;
      if (parse_int64_text(text, i)) return from_int64(i, out);
      uint64_t u = 0;
      if (parse_uint64_text(text, u)) return from_uint64(u, out);
      return "is not an integer";
    }
    default:
      return "cannot be converted to an integer";
  }
}

template <typename T>
void IntegerEncoder<T>::write_body(const ColumnSlice& slice, std::string& out,
                                   std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  write_fixed_values<T>(slice, out, failures, [&batch](const Cell& cell, T& value) {
    if (cell.kind == ValueKind::Int) return from_int64(cell.i, value);  // the common case first
    return convert_integer(batch, cell, value);
  });
}

template const char* convert_integer(const Batch&, const Cell&, int8_t&);
template const char* convert_integer(const Batch&, const Cell&, int16_t&);
template const char* convert_integer(const Batch&, const Cell&, int32_t&);
template const char* convert_integer(const Batch&, const Cell&, int64_t&);
template const char* convert_integer(const Batch&, const Cell&, uint8_t&);
template const char* convert_integer(const Batch&, const Cell&, uint16_t&);
template const char* convert_integer(const Batch&, const Cell&, uint32_t&);
template const char* convert_integer(const Batch&, const Cell&, uint64_t&);

template class IntegerEncoder<int8_t>;
template class IntegerEncoder<int16_t>;
template class IntegerEncoder<int32_t>;
template class IntegerEncoder<int64_t>;
template class IntegerEncoder<uint8_t>;
template class IntegerEncoder<uint16_t>;
template class IntegerEncoder<uint32_t>;
template class IntegerEncoder<uint64_t>;

}  // namespace sluice::native
