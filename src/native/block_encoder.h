#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/batch.h"
#include "native/column_encoder.h"
#include "native/type_desc.h"

namespace sluice::native {

// Where one ClickHouse column takes its values from.
struct ColumnBinding {
  std::string column_name;
  std::string column_type;  // exactly as the server names it; sent verbatim in the block
  size_t field_index = 0;   // index into Batch::columns
  std::string field_name;   // for messages
  // A missing/null value into a non-Nullable column: false -> the row fails; true -> the
  // column's default (0, "", empty array), for fields the schema declares optional.
  bool absent_as_default = false;
};

// A row that cannot be converted. `row` is the Batch row; `detail` names the field, the value,
// the column and its type.
struct RowFailure {
  uint32_t row = 0;
  std::string detail;
};

// Turns rows of a Batch into the body of one ClickHouse Native block for a fixed list of columns.
// Created once per insert target and reused for every batch. Not thread-safe: it keeps scratch
// buffers between calls. Move-only.
class BlockEncoder {
 public:
  // Parses every column type and builds its encoder. Fails (InvalidArgument naming the column and
  // its type) on a type that does not parse or cannot be encoded yet, or a repeated column name.
  static Result<BlockEncoder> create(std::vector<ColumnBinding> bindings);

  BlockEncoder(BlockEncoder&&) = default;
  BlockEncoder& operator=(BlockEncoder&&) = default;

  // Appends to `out` a Native block body without BlockInfo: VarUInt column count, VarUInt row
  // count, then per column String name, String type and (only when there are rows) the column
  // data, for `rows` of `batch` in that order. Returns the rows that cannot be converted, in
  // ascending order, one entry per row (several problems are joined with "; "). When failures are
  // returned `out` is unspecified: drop those rows and call again.
  std::vector<RowFailure> encode(const Batch& batch, std::span<const uint32_t> rows,
                                 std::string& out);

  // At negotiated protocol revision >= 54454 every type string is followed by a
  // has_custom_serialization byte; with this set, encode() writes it as 0 (plain columns).
  void set_write_custom_serialization_flag(bool on) { write_custom_serialization_flag_ = on; }

  const std::vector<ColumnBinding>& bindings() const { return bindings_; }
  const std::vector<TypeDesc>& types() const { return types_; }

 private:
  BlockEncoder() = default;

  std::vector<ColumnBinding> bindings_;
  std::vector<TypeDesc> types_;
  std::vector<std::unique_ptr<ColumnEncoder>> encoders_;
  bool write_custom_serialization_flag_ = false;
  std::vector<uint32_t> indexes_;        // scratch for absent_as_default columns
  std::vector<EncodeFailure> failures_;  // scratch per column
};

}  // namespace sluice::native
