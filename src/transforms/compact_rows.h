#pragma once

#include <cstdint>
#include <vector>

#include "core/batch.h"

namespace sluice::transforms {

// Drops the rows with keep[row] == 0 from every per-row array of `batch` that has one entry per
// row (keep.size() entries); arrays of another length (columns of earlier steps' inputs, already
// shorter, or outputs filled with the kept rows only) are left alone.
void compact_rows(Batch& batch, const std::vector<uint8_t>& keep);

}  // namespace sluice::transforms
