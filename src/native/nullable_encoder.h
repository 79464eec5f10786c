#pragma once

#include <memory>
#include <vector>

#include "native/column_encoder.h"

namespace sluice::native {

// Nullable(T): a null map (one byte per value, 1 = NULL) and then T's column for all values,
// with T's default in the NULL rows. Missing and null cells are NULL; every other cell is
// converted by T's encoder, whose failures become this column's failures.
class NullableEncoder final : public ColumnEncoder {
 public:
  explicit NullableEncoder(std::unique_ptr<ColumnEncoder> nested) : nested_(std::move(nested)) {}
  void write_prefix(std::string& out) const override { nested_->write_prefix(out); }
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::unique_ptr<ColumnEncoder> nested_;
  std::vector<uint32_t> nested_indexes_;  // scratch, reused between blocks
};

}  // namespace sluice::native
