#include "transforms/compact_rows.h"

namespace sluice::transforms {

void compact_rows(Batch& batch, const std::vector<uint8_t>& keep) {
  const size_t rows = keep.size();
  size_t kept = 0;
  for (uint8_t k : keep) kept += k;
  if (kept == rows) return;
  auto squeeze = [&](auto& per_row) {
    if (per_row.size() != rows) return;
    size_t w = 0;
    for (size_t r = 0; r < rows; ++r)
      if (keep[r]) per_row[w++] = per_row[r];
    per_row.resize(w);
  };
  for (Column& column : batch.columns) squeeze(column.cells);
  squeeze(batch.origins);
  squeeze(batch.payloads);
  squeeze(batch.keys);
}

}  // namespace sluice::transforms
