#pragma once

#include <memory>
#include <vector>

#include "core/cell.h"

namespace sluice {

// The values of one field across the rows of a Batch. Array elements live in `elements`
// (created on first use), so nested arrays recurse without per-row allocation.
struct Column {
  std::vector<Cell> cells;
  std::unique_ptr<Column> elements;

  Column& element_column() {
    if (!elements) elements = std::make_unique<Column>();
    return *elements;
  }
  void clear() {
    cells.clear();
    if (elements) elements->clear();
  }
};

}  // namespace sluice
