#include "native/array_encoder.h"

#include <algorithm>
#include <cstring>

#include "native/cell_text.h"

namespace sluice::native {
namespace {

const Column& empty_column() {
  static const Column kEmpty;
  return kEmpty;
}

}  // namespace

void ArrayEncoder::write_body(const ColumnSlice& slice, std::string& out,
                              std::vector<EncodeFailure>& failures) {
  const size_t count = slice.indexes.size();
  element_indexes_.clear();
  ends_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t index = slice.indexes[i];
    if (index != kDefaultValue) {
      const Cell& cell = slice.column.cells[index];
      if (cell.kind == ValueKind::Array) {
        for (uint32_t k = 0; k < cell.len; ++k)
          element_indexes_.push_back(static_cast<uint32_t>(cell.ref + k));
      } else if (cell.is_absent()) {
        failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
      } else {
        failures.push_back(EncodeFailure{
            static_cast<uint32_t>(i), false,
            "value " + describe_value(slice.batch, slice.column, cell) + " is not an array"});
      }
    }
    ends_[i] = element_indexes_.size();
  }
  const size_t base = out.size();
  out.resize(base + count * sizeof(uint64_t));
  std::memcpy(out.data() + base, ends_.data(), count * sizeof(uint64_t));

  const Column& elements = slice.column.elements ? *slice.column.elements : empty_column();
  nested_failures_.clear();
  nested_->write_body(ColumnSlice{slice.batch, elements, element_indexes_}, out, nested_failures_);
  for (EncodeFailure& f : nested_failures_) {
    // The value that owns flattened element p is the first whose end offset is beyond p.
    const size_t owner = static_cast<size_t>(
        std::upper_bound(ends_.begin(), ends_.end(), static_cast<uint64_t>(f.position)) -
        ends_.begin());
    const uint64_t first = owner == 0 ? 0 : ends_[owner - 1];
    std::string where = "element " + std::to_string(f.position - first);
    std::string detail = f.absent
                             ? where + " " + f.detail + " and " + element_type_ + " is not Nullable"
                             : where + ": " + f.detail;
    failures.push_back(EncodeFailure{static_cast<uint32_t>(owner), false, std::move(detail)});
  }
}

}  // namespace sluice::native
