#include "native/string_encoder.h"

#include "base/varint.h"
#include "native/cell_text.h"

namespace sluice::native {
namespace {

inline void append_length_prefixed(std::string& out, const char* data, size_t size) {
  if (size < 0x80) {
    out.push_back(static_cast<char>(size));
  } else {
    append_varuint(out, size);
  }
  out.append(data, size);
}

}  // namespace

std::string_view string_value(const Batch& batch, const Column& column, const Cell& cell,
                              std::string& scratch) {
  if (cell.kind == ValueKind::String || cell.kind == ValueKind::Object) return batch.text(cell);
  scratch.clear();
  append_json(batch, column, cell, scratch);
  return scratch;
}

void StringEncoder::write_body(const ColumnSlice& slice, std::string& out,
                               std::vector<EncodeFailure>& failures) {
  const Cell* cells = slice.column.cells.data();
  for (size_t i = 0; i < slice.indexes.size(); ++i) {
    const uint32_t index = slice.indexes[i];
    if (index == kDefaultValue) {
      out.push_back('\0');
      continue;
    }
    const Cell& cell = cells[index];
    if (cell.kind == ValueKind::String || cell.kind == ValueKind::Object) {
      append_length_prefixed(out, reinterpret_cast<const char*>(cell.ref), cell.len);
    } else if (cell.is_absent()) {
      failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
      out.push_back('\0');
    } else {
      std::string_view text = string_value(slice.batch, slice.column, cell, scratch_);
      append_length_prefixed(out, text.data(), text.size());
    }
  }
}

}  // namespace sluice::native
