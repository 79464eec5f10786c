#pragma once

#include <memory>
#include <vector>

#include "core/cell.h"
#include "core/text_arena.h"

namespace sluice {

// The values of one field across the rows of a Batch. Array elements live in `elements`
// (created on first use), so nested arrays recurse without per-row allocation. The decoder
// copies this field's texts into `texts` while the message is hot in cache: the encoders read
// a column at a time, and texts left scattered over a batch's messages (hundreds of MB) would
// cost a cache and TLB miss per cell.
struct Column {
  std::vector<Cell> cells;
  std::unique_ptr<Column> elements;
  TextArena texts;

  Column& element_column() {
    if (!elements) elements = std::make_unique<Column>();
    return *elements;
  }
  // Bytes of the texts copied into this column and its element columns.
  size_t text_bytes() const { return texts.size() + (elements ? elements->text_bytes() : 0); }
  void clear() {
    cells.clear();
    texts.clear();
    if (elements) elements->clear();
  }
};

}  // namespace sluice
