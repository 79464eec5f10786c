#pragma once

#include <cstdint>
#include <span>

#include "core/cell.h"

namespace sluice {

// A predicate that the decoder applies to a record's cells (indexed by schema field) after the
// record parsed and before its texts are copied into the batch: a dropped record costs no copy,
// no cells and no retained message, and never becomes a row (Batch::dropped counts it). The
// cells' texts are valid only during the call. It may keep records it cannot decide (an
// evaluation error, say): a later step decides those. Called by the decoding thread only.
class RowFilter {
 public:
  enum class Verdict : uint8_t {
    Keep,       // the predicate holds: the step it stands for need not look at the row again
    Drop,       // it does not: the record is dropped
    Undecided,  // kept; the step it stands for decides (and may dead-letter it)
  };
  virtual ~RowFilter() = default;
  virtual Verdict decide(std::span<const Cell> cells) = 0;
};

}  // namespace sluice
