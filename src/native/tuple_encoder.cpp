#include "native/tuple_encoder.h"

#include "native/cell_text.h"

namespace sluice::native {

namespace {

const Column& empty_column() {
  static const Column kEmpty;
  return kEmpty;
}

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

void TupleEncoder::write_prefix(std::string& out) const {
  for (const auto& e : elements_) e->write_prefix(out);
}

std::string TupleEncoder::element_label(size_t i) const {
  return names_.empty() ? "element " + std::to_string(i + 1) : "element \"" + names_[i] + "\"";
}

void TupleEncoder::write_body(const ColumnSlice& slice, std::string& out,
                              std::vector<EncodeFailure>& failures) {
  const size_t count = slice.indexes.size();
  const size_t n = elements_.size();
  indexes_.resize(n);
  for (auto& v : indexes_) v.assign(count, kDefaultValue);
  bool has_objects = false;
  for (uint32_t index : slice.indexes)
    if (index != kDefaultValue && slice.column.cells[index].kind == ValueKind::Object)
      has_objects = true;

  // Without objects the elements are read where they are; with them, every row's element values
  // are gathered into the scratch column.
  reset(scratch_);
  Column& gathered = scratch_.columns[0];
  const Column& source_elements = slice.column.elements ? *slice.column.elements : empty_column();
  for (size_t i = 0; i < count; ++i) {
    const uint32_t index = slice.indexes[i];
    if (index == kDefaultValue) continue;
    const Cell& cell = slice.column.cells[index];
    if (cell.kind == ValueKind::Array) {
      if (cell.len != n) {
        failures.push_back(value_failure(
            i, slice.batch, slice.column, cell,
            ("has " + std::to_string(cell.len) + " elements, the Tuple has " + std::to_string(n))
                .c_str()));
        continue;
      }
      for (size_t e = 0; e < n; ++e) {
        const uint32_t element = static_cast<uint32_t>(cell.ref + e);
        if (!has_objects) {
          indexes_[e][i] = element;
        } else {
          Cell c = JsonCells::copy_cell(slice.batch, source_elements,
                                        source_elements.cells[element], scratch_, gathered);
          gathered.cells.push_back(c);
          indexes_[e][i] = static_cast<uint32_t>(gathered.cells.size() - 1);
        }
      }
    } else if (cell.kind == ValueKind::Object) {
      if (names_.empty()) {
        failures.push_back(value_failure(i, slice.batch, slice.column, cell,
                                         "is an object but the Tuple's elements have no names"));
        continue;
      }
      // Absent members read a Missing cell, so the element's encoder decides (NULL or failure).
      gathered.cells.push_back(Cell::missing());
      const uint32_t missing = static_cast<uint32_t>(gathered.cells.size() - 1);
      for (size_t e = 0; e < n; ++e) indexes_[e][i] = missing;
      const bool ok = json_.for_each_member(slice.batch.text(cell), scratch_, gathered,
                                            [&](std::string_view key, uint32_t at) {
                                              for (size_t e = 0; e < n; ++e)
                                                if (names_[e] == key) indexes_[e][i] = at;
                                            });
      if (!ok)
        failures.push_back(
            value_failure(i, slice.batch, slice.column, cell, "is not a valid JSON object"));
    } else if (cell.is_absent()) {
      failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
    } else {
      failures.push_back(value_failure(i, slice.batch, slice.column, cell,
                                       "is not an array or object (for a Tuple)"));
    }
  }
  const Batch& batch = has_objects ? scratch_ : slice.batch;
  const Column& column = has_objects ? gathered : source_elements;
  for (size_t e = 0; e < n; ++e) {
    nested_failures_.clear();
    elements_[e]->write_body(ColumnSlice{batch, column, indexes_[e]}, out, nested_failures_);
    for (EncodeFailure& f : nested_failures_) {
      std::string detail =
          f.absent ? element_label(e) + " " + f.detail + " and " + types_[e] + " is not Nullable"
                   : element_label(e) + ": " + f.detail;
      failures.push_back(EncodeFailure{f.position, false, std::move(detail)});
    }
  }
}

}  // namespace sluice::native
