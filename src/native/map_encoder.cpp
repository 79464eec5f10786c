#include "native/map_encoder.h"

#include <algorithm>
#include <cstring>

#include "native/cell_text.h"

namespace sluice::native {
namespace {

void reset(Batch& scratch) {
  scratch.arena.clear();
  for (Column& c : scratch.columns) c.clear();
}

EncodeFailure value_failure(size_t position, const Batch& batch, const Column& column,
                            const Cell& cell, const char* problem) {
  return EncodeFailure{static_cast<uint32_t>(position), false,
                       "value " + describe_value(batch, column, cell) + " " + problem};
}

}  // namespace

void MapEncoder::write_prefix(std::string& out) const {
  key_->write_prefix(out);
  value_->write_prefix(out);
}

void MapEncoder::write_body(const ColumnSlice& slice, std::string& out,
                            std::vector<EncodeFailure>& failures) {
  const size_t count = slice.indexes.size();
  reset(scratch_);
  Column& keys = scratch_.columns[0];
  Column& values = scratch_.columns[1];
  ends_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint32_t index = slice.indexes[i];
    if (index != kDefaultValue) {
      const Cell& cell = slice.column.cells[index];
      if (cell.kind == ValueKind::Object) {
        const bool ok = json_.for_each_member(
            slice.batch.text(cell), scratch_, values, [&](std::string_view key, uint32_t) {
              keys.cells.push_back(scratch_.add_text(ValueKind::String, key));
            });
        if (!ok)
          failures.push_back(
              value_failure(i, slice.batch, slice.column, cell, "is not a valid JSON object"));
      } else if (cell.is_absent()) {
        failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
      } else {
        failures.push_back(
            value_failure(i, slice.batch, slice.column, cell, "is not an object (for a Map)"));
      }
    }
    ends_[i] = keys.cells.size();
  }
  const size_t base = out.size();
  out.resize(base + count * sizeof(uint64_t));
  std::memcpy(out.data() + base, ends_.data(), count * sizeof(uint64_t));

  indexes_.resize(keys.cells.size());
  for (uint32_t k = 0; k < indexes_.size(); ++k) indexes_[k] = k;
  for (int part = 0; part < 2; ++part) {
    nested_failures_.clear();
    ColumnEncoder& encoder = part == 0 ? *key_ : *value_;
    encoder.write_body(ColumnSlice{scratch_, part == 0 ? keys : values, indexes_}, out,
                       nested_failures_);
    for (EncodeFailure& f : nested_failures_) {
      const size_t owner = static_cast<size_t>(
          std::upper_bound(ends_.begin(), ends_.end(), static_cast<uint64_t>(f.position)) -
          ends_.begin());
      std::string key = "key \"" + std::string(scratch_.text(keys.cells[f.position])) + "\"";
      std::string detail = part == 0  ? key + ": " + f.detail
                           : f.absent ? "the value of " + key + " " + f.detail + " and " +
                                            value_type_ + " is not Nullable"
                                      : "the value of " + key + ": " + f.detail;
      failures.push_back(EncodeFailure{static_cast<uint32_t>(owner), false, std::move(detail)});
    }
  }
}

}  // namespace sluice::native
