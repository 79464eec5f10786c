#pragma once

#include <memory>
#include <string>
#include <vector>

#include "native/column_encoder.h"
#include "native/json_cells.h"

namespace sluice::native {

// Map(K, V), laid out as Array(Tuple(K, V)): per value a UInt64 cumulative end offset, then all
// keys as a K column and all values as a V column (protocol reference §9.5). A value is an
// Object cell: its members in document order (a repeated key is sent as it is; the server keeps
// the last). Keys convert from their text as K does from a string ("7" into UInt8), values as V
// does from the member's JSON value (nested objects/arrays into String as JSON text).
class MapEncoder final : public ColumnEncoder {
 public:
  MapEncoder(std::unique_ptr<ColumnEncoder> key, std::unique_ptr<ColumnEncoder> value,
             std::string value_type)
      : key_(std::move(key)), value_(std::move(value)), value_type_(std::move(value_type)) {}
  void write_prefix(std::string& out) const override;
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::unique_ptr<ColumnEncoder> key_;
  std::unique_ptr<ColumnEncoder> value_;
  std::string value_type_;
  JsonCells json_;
  Batch scratch_{2};  // column 0: keys, column 1: values
  std::vector<uint64_t> ends_;
  std::vector<uint32_t> indexes_;
  std::vector<EncodeFailure> nested_failures_;
};

}  // namespace sluice::native
