#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"

// Some cells of a row as one self-contained byte string, for state that outlives its batch (the
// join's waiting and latest records): texts and array elements are copied in, so the blob does
// not point into the batch. Layout per cell: its ValueKind byte, then nothing (missing, null),
// 1 byte (bool), 8 bytes (int, uint, float; native byte order), or a 4-byte length and the bytes
// (string, object) or a 4-byte count and the elements, each a cell (array).
namespace sluice::transforms {

// Appends the cells of `row` in `columns` (batch column indexes), in that order, to `out`.
void encode_cells(const Batch& batch, size_t row, const std::vector<size_t>& columns,
                  std::string& out);

// Prefetch hints for encode_cells(batch, row, columns) a few rows ahead, in two steps: first the
// row's cells and its payload's reference, then (some rows later, once those are in cache) the
// bytes the texts and the payload point to. No effect but on the cache.
void prefetch_row(const Batch& batch, size_t row, const std::vector<size_t>& columns);
void prefetch_row_bytes(const Batch& batch, size_t row, const std::vector<size_t>& columns);

// Appends one cell to each of `columns` from `blob` (what encode_cells wrote for as many
// columns): texts go into each column's own arena, array elements into its element column.
// False if the blob is malformed (then some columns may have received a cell).
bool decode_cells(Batch& batch, std::string_view blob, const std::vector<size_t>& columns);

// Appends to column `target` a copy of the first batch.rows() cells of column `source` (another
// column), as decode_cells(encode_cells()) would row by row, without the blob in between.
void copy_column(Batch& batch, size_t source, size_t target);

}  // namespace sluice::transforms
