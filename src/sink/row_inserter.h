#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"
#include "core/batch.h"

namespace sluice::sink {

// Inserts the given rows of a batch as one block, all or nothing. Retryable failures are
// retried inside; what comes back is success or a failure that retrying cannot fix (or
// Shutdown). The seam the batch splitter is tested through (a fake in tests/unit/sink).
class RowInserter {
 public:
  virtual ~RowInserter() = default;
  virtual Status insert_rows(const Batch& batch, std::span<const uint32_t> rows) = 0;
};

}  // namespace sluice::sink
