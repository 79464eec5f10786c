#pragma once

#include <memory>
#include <string>
#include <vector>

#include "native/column_encoder.h"

namespace sluice::native {

// Array(T): one UInt64 cumulative end offset per value, then T's column for all elements of all
// values in order. Accepts Array cells (their elements sit in the column's element column);
// missing/null fail (an Array cannot be NULL in ClickHouse). An element's failure fails its row,
// with a detail naming the element by its 0-based index
// ("element 2: value 300 out of range").
class ArrayEncoder final : public ColumnEncoder {
 public:
  // `element_type` is T's type name, for messages.
  ArrayEncoder(std::unique_ptr<ColumnEncoder> nested, std::string element_type)
      : nested_(std::move(nested)), element_type_(std::move(element_type)) {}
  void write_prefix(std::string& out) const override { nested_->write_prefix(out); }
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::unique_ptr<ColumnEncoder> nested_;
  std::string element_type_;
  // Scratch reused between blocks: flattened element indexes, each value's end offset, and the
  // nested encoder's failures before they are mapped back to values.
  std::vector<uint32_t> element_indexes_;
  std::vector<uint64_t> ends_;
  std::vector<EncodeFailure> nested_failures_;
};

}  // namespace sluice::native
