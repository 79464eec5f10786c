#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "native/cell_text.h"
#include "native/column_encoder.h"

namespace sluice::native {

// Shared loop of the fixed-width encoders (numbers, dates, UUID, enums, decimals): resizes `out`
// once and stores one T per value. `convert(const Cell&, T&)` returns nullptr on success or a
// static text naming the problem ("out of range"), which becomes `value <json> <problem>`.
// Defaults and failed values are written as T{}.
template <typename T, typename Convert>
void write_fixed_values(const ColumnSlice& slice, std::string& out,
                        std::vector<EncodeFailure>& failures, Convert&& convert) {
  const size_t count = slice.indexes.size();
  const size_t base = out.size();
  out.resize(base + count * sizeof(T));
  char* dst = out.data() + base;
  const Cell* cells = slice.column.cells.data();
  for (size_t i = 0; i < count; ++i, dst += sizeof(T)) {
    T value{};
    const uint32_t index = slice.indexes[i];
    if (index != kDefaultValue) {
      const Cell& cell = cells[index];
      if (cell.is_absent()) {
        failures.push_back(absent_failure(static_cast<uint32_t>(i), cell));
      } else if (const char* problem = convert(cell, value)) {
        failures.push_back(EncodeFailure{
            static_cast<uint32_t>(i), false,
            "value " + describe_value(slice.batch, slice.column, cell) + " " + problem});
        value = T{};
      }
    }
    std::memcpy(dst, &value, sizeof(T));
  }
}

}  // namespace sluice::native
