#pragma once

#include <memory>
#include <string>
#include <vector>

#include "native/column_encoder.h"
#include "native/json_cells.h"

namespace sluice::native {

// Tuple(T1, ..., Tn): each element one full column, in order (§9.4). A value is an Array cell
// with exactly n elements (taken positionally) or, for a Tuple with element names, an Object
// cell whose members are matched by name (absent members are missing; others are ignored).
class TupleEncoder final : public ColumnEncoder {
 public:
  TupleEncoder(std::vector<std::unique_ptr<ColumnEncoder>> elements, std::vector<std::string> names,
               std::vector<std::string> types)
      : elements_(std::move(elements)), names_(std::move(names)), types_(std::move(types)) {}
  void write_prefix(std::string& out) const override;
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::string element_label(size_t i) const;

  std::vector<std::unique_ptr<ColumnEncoder>> elements_;
  std::vector<std::string> names_;  // empty when unnamed
  std::vector<std::string> types_;
  JsonCells json_;
  Batch scratch_{1};  // the member/element values of every row, when objects are involved
  std::vector<std::vector<uint32_t>> indexes_;  // per element, per value
  std::vector<EncodeFailure> nested_failures_;
};

}  // namespace sluice::native
