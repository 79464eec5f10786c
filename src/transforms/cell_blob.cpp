#include "transforms/cell_blob.h"

#include <cstdint>
#include <cstring>

#include "base/bytes.h"
#include "base/prefetch.h"

namespace sluice::transforms {
namespace {

void encode_cell(const Column& column, const Cell& cell, std::string& out) {
  out.push_back(static_cast<char>(cell.kind));
  switch (cell.kind) {
    case ValueKind::Missing:
    case ValueKind::Null:
      return;
    case ValueKind::Bool:
      out.push_back(cell.b ? 1 : 0);
      return;
    case ValueKind::Int:
    case ValueKind::UInt:
    case ValueKind::Float:
      put_raw(out, cell.u);
      return;
    case ValueKind::String:
    case ValueKind::Object:
      put_bytes(out, cell.text());
      return;
    case ValueKind::Array:
      put_raw(out, cell.len);
      for (uint32_t i = 0; i < cell.len; ++i)
        encode_cell(*column.elements, column.elements->cells[cell.ref + i], out);
      return;
  }
}

// memcpy for the short texts of joined rows (emails, country codes), without a call: two
// overlapping fixed-size copies, which the compiler turns into loads and stores.
void copy_text(char* to, const char* from, size_t n) {
  if (n >= 16 && n <= 32) {
    std::memcpy(to, from, 16);
    std::memcpy(to + n - 16, from + n - 16, 16);
  } else if (n >= 8 && n < 16) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4 && n < 8) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n > 32) {
    std::memcpy(to, from, n);
  } else {
    for (size_t i = 0; i < n; ++i) to[i] = from[i];
  }
}

bool decode_cell(ByteReader& in, Column& column, Cell& cell);

// A text cell (string or object) with a copy of `text` in the column's arena. Returned by value,
// built in registers: a cell assembled field by field in memory and read back whole stalled on
// store forwarding (most of decode_cells' own time in W3).
inline Cell text_cell(ValueKind kind, std::string_view text, Column& column) {
  char* bytes = column.texts.allocate(text.size());
  copy_text(bytes, text.data(), text.size());
  return Cell::text(kind, bytes, static_cast<uint32_t>(text.size()));
}

// The cell whose kind byte was just read from `in`.
bool decode_value(ByteReader& in, uint8_t kind, Column& column, Cell& cell) {
  if (kind > static_cast<uint8_t>(ValueKind::Object)) return false;
  const auto k = static_cast<ValueKind>(kind);
  switch (k) {
    case ValueKind::Missing:
      cell = Cell::missing();
      return true;
    case ValueKind::Null:
      cell = Cell::null();
      return true;
    case ValueKind::Bool: {
      uint8_t b = 0;
      if (!in.get(b)) return false;
      cell = Cell::boolean(b != 0);
      return true;
    }
    case ValueKind::Int:
    case ValueKind::UInt:
    case ValueKind::Float: {
      uint64_t u = 0;
      if (!in.get(u)) return false;
      cell = Cell::uint64(u);
      cell.kind = k;
      return true;
    }
    case ValueKind::String:
    case ValueKind::Object: {
      std::string_view text;
      if (!in.get_bytes(text)) return false;
      cell = text_cell(k, text, column);
      return true;
    }
    case ValueKind::Array: {
      uint32_t count = 0;
      if (!in.get(count)) return false;
      // Elements first, in their own recursion: an element that is an array appends its own
      // elements to the next level before this level's cell is pushed.
      Column& elements = column.element_column();
      std::vector<Cell> items(count);
      for (uint32_t i = 0; i < count; ++i)
        if (!decode_cell(in, elements, items[i])) return false;
      cell = Cell::array(elements.cells.size(), count);
      elements.cells.insert(elements.cells.end(), items.begin(), items.end());
      return true;
    }
  }
  return false;
}

bool decode_cell(ByteReader& in, Column& column, Cell& cell) {
  uint8_t kind = 0;
  return in.get(kind) && decode_value(in, kind, column, cell);
}

// `cell` of `from` as a cell of `to`: texts copied into to.texts, elements into its element column.
Cell copy_cell(const Column& from, const Cell& cell, Column& to) {
  switch (cell.kind) {
    case ValueKind::String:
    case ValueKind::Object:
      return Cell::text(cell.kind, to.texts.append(cell.text()), cell.len);
    case ValueKind::Array: {
      // Elements first, as decode_cell: nested arrays append their elements a level down first.
      Column& elements = to.element_column();
      std::vector<Cell> items(cell.len);
      for (uint32_t i = 0; i < cell.len; ++i)
        items[i] = copy_cell(*from.elements, from.elements->cells[cell.ref + i], elements);
      const Cell array = Cell::array(elements.cells.size(), cell.len);
      elements.cells.insert(elements.cells.end(), items.begin(), items.end());
      return array;
    }
    default:
      return cell;  // no bytes elsewhere
  }
}

}  // namespace

void encode_cells(const Batch& batch, size_t row, const std::vector<size_t>& columns,
                  std::string& out) {
  for (size_t c : columns) encode_cell(batch.columns[c], batch.columns[c].cells[row], out);
}

void prefetch_row(const Batch& batch, size_t row, const std::vector<size_t>& columns) {
  for (size_t c : columns) __builtin_prefetch(&batch.columns[c].cells[row]);
  __builtin_prefetch(&batch.payloads[row]);
}

void prefetch_row_bytes(const Batch& batch, size_t row, const std::vector<size_t>& columns) {
  for (size_t c : columns) {
    const Cell& cell = batch.columns[c].cells[row];
    if (cell.kind == ValueKind::String || cell.kind == ValueKind::Object)
      __builtin_prefetch(cell.text().data());
  }
  // Up to three lines of the payload (W3's orders: about 150 bytes); a longer one's further lines
  // are read in order, which the hardware prefetcher follows.
  const std::string_view payload = batch.payload(row);
  prefetch_read(payload.data(), payload.size(), 192);
}

bool decode_cells(Batch& batch, std::string_view blob, const std::vector<size_t>& columns) {
  ByteReader in(blob);
  for (size_t c : columns) {
    Column& column = batch.columns[c];
    uint8_t kind = 0;
    if (!in.get(kind)) return false;
    // Texts (most joined fields) inline, pushed as built; every other kind through decode_value.
    if (kind == static_cast<uint8_t>(ValueKind::String) ||
        kind == static_cast<uint8_t>(ValueKind::Object)) {
      std::string_view text;
      if (!in.get_bytes(text)) return false;
      column.cells.push_back(text_cell(static_cast<ValueKind>(kind), text, column));
      continue;
    }
    Cell cell;
    if (!decode_value(in, kind, column, cell)) return false;
    column.cells.push_back(cell);
  }
  return true;
}

void copy_column(Batch& batch, size_t source, size_t target) {
  const Column& from = batch.columns[source];
  Column& to = batch.columns[target];
  const size_t rows = batch.rows();
  to.cells.reserve(to.cells.size() + rows);
  for (size_t row = 0; row < rows; ++row) to.cells.push_back(copy_cell(from, from.cells[row], to));
}

}  // namespace sluice::transforms
