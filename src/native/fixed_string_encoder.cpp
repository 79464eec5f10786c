#include "native/fixed_string_encoder.h"

#include <cstring>
#include <string>

#include "native/cell_text.h"

namespace sluice::native {

void FixedStringEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                    std::vector<EncodeFailure>& failures) {
  const size_t base = out.size();
  out.resize(base + slice.indexes.size() * length_, '\0');
  char* dst = out.data() + base;
  for (size_t i = 0; i < slice.indexes.size(); ++i, dst += length_) {
    const uint32_t index = slice.indexes[i];
    if (index == kDefaultValue) continue;
    const Cell& cell = slice.column.cells[index];
    if (cell.is_absent()) {
      failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
    } else if (cell.kind != ValueKind::String) {
      failures.push_back(EncodeFailure{
          static_cast<uint32_t>(i), false,
          "value " + describe_value(slice.batch, slice.column, cell) + " is not a string"});
    } else if (cell.len > length_) {
      failures.push_back(EncodeFailure{static_cast<uint32_t>(i), false,
                                       "value " + describe_value(slice.batch, slice.column, cell) +
                                           " is longer than " + std::to_string(length_) +
                                           " bytes (" + std::to_string(cell.len) + ")"});
    } else {
      std::memcpy(dst, cell.text().data(), cell.len);
    }
  }
}

}  // namespace sluice::native
