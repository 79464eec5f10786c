#include "native/float_encoder.h"

#include <cmath>

#include "native/fixed_width_writer.h"
#include "native/number_text.h"

namespace sluice::native {
namespace {

// Doubles below 2^128 - 2^103 round to FLT_MAX or less when narrowed; from there on they round
// to infinity (and the conversion is undefined behaviour in C++), so they are out of range.
constexpr double kFloat32Limit = 0x1.ffffffp127;

template <typename T>
const char* from_double(double v, T& out) {
  if constexpr (sizeof(T) == 4) {
    if (std::fabs(v) >= kFloat32Limit) return "out of range";
  }
  out = static_cast<T>(v);
  return nullptr;
}

}  // namespace

template <typename T>
void FloatEncoder<T>::write_body(const ColumnSlice& slice, std::string& out,
                                 std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  write_fixed_values<T>(slice, out, failures, [&batch](const Cell& cell, T& value) -> const char* {
    switch (cell.kind) {
      case ValueKind::Float:
        return from_double(cell.f, value);
      case ValueKind::Int:
        return from_double(static_cast<double>(cell.i), value);
      case ValueKind::UInt:
        return from_double(static_cast<double>(cell.u), value);
      case ValueKind::String: {
        double d = 0;
        if (!parse_double_text(batch.text(cell), d)) return "is not a number";
        return from_double(d, value);
      }
      default:
        return "cannot be converted to a float";
    }
  });
}

template class FloatEncoder<float>;
template class FloatEncoder<double>;

}  // namespace sluice::native
