#pragma once

#include <cstdint>

#include "core/batch.h"
#include "native/column_encoder.h"

namespace sluice::native {

// Int8..Int64 and UInt8..UInt64 (T is the storage type). Accepts integers in range, floats that
// are whole numbers in range (3.0, never 3.7), bools as 0/1 and strings that are plain decimal
// integers ("404"). Negative values into unsigned types and everything else fail.
template <typename T>
class IntegerEncoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

// The conversion used by the encoder, exposed for Enum and tests: nullptr on success, else the
// problem ("out of range", "is negative", "is not a whole number", ...).
template <typename T>
const char* convert_integer(const Batch& batch, const Cell& cell, T& out);

extern template class IntegerEncoder<int8_t>;
extern template class IntegerEncoder<int16_t>;
extern template class IntegerEncoder<int32_t>;
extern template class IntegerEncoder<int64_t>;
extern template class IntegerEncoder<uint8_t>;
extern template class IntegerEncoder<uint16_t>;
extern template class IntegerEncoder<uint32_t>;
extern template class IntegerEncoder<uint64_t>;

}  // namespace sluice::native
