#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/batch.h"

namespace sluice::native {

// An index value that asks an encoder to write its type's default (0, "", empty array) instead
// of reading a cell: used for the nested values of NULL rows and for absent optional fields.
inline constexpr uint32_t kDefaultValue = UINT32_MAX;

// The values one encoder converts: `column.cells[indexes[i]]` for each i (or the default when
// indexes[i] == kDefaultValue). `batch` owns the string arena the cells point into.
struct ColumnSlice {
  const Batch& batch;
  const Column& column;
  std::span<const uint32_t> indexes;
};

// A value that cannot be converted. `position` is the index into ColumnSlice::indexes.
// `absent` marks a missing/null value where the type does not allow NULL; `detail` then says
// "is missing" or "is null". Otherwise detail describes the value and the problem.
struct EncodeFailure {
  uint32_t position = 0;
  bool absent = false;
  std::string detail;
};

// Converts decoded cells into the Native column encoding of one ClickHouse type.
// Encoders are built once per insert target and reused for every block; they may keep scratch
// buffers between calls, so one instance must only be used by one thread at a time.
class ColumnEncoder {
 public:
  virtual ~ColumnEncoder() = default;

  // Appends the column's state prefix (only LowCardinality has one; composites forward to
  // their children in type order). Written once per column per block, before the body.
  virtual void write_prefix(std::string& out) const { (void)out; }

  // Appends the body for every value of `slice`, one value per index, and appends a failure for
  // each value that cannot be converted (the bytes written for it are then unspecified, but the
  // body keeps its shape). Never allocates per value on the success path.
  virtual void write_body(const ColumnSlice& slice, std::string& out,
                          std::vector<EncodeFailure>& failures) = 0;
};

// The failure for an absent (missing/null) value in a type that does not accept NULL.
inline EncodeFailure absent_failure(uint32_t position, const Cell& cell) {
  return EncodeFailure{position, true, cell.kind == ValueKind::Null ? "is null" : "is missing"};
}

}  // namespace sluice::native
