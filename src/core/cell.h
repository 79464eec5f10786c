#pragma once

#include <cstdint>
#include <string_view>

#include "core/value_kind.h"

namespace sluice {

// One value of one field of one record: 16 bytes, no heap.
// String/Object: `ref` is the address of the bytes (in the owning Batch's arena or in a payload
// the batch retains; see Batch::text), `len` their size.
// Array: `ref` is the index of the first element in the Column's element column, `len` the count.
struct Cell {
  ValueKind kind = ValueKind::Missing;
  uint32_t len = 0;
  union {
    int64_t i;
    uint64_t u;
    double f;
    bool b;
    uint64_t ref;
  };

  Cell() : u(0) {}
  static Cell missing() { return Cell(); }
  static Cell null() {
    Cell c;
    c.kind = ValueKind::Null;
    return c;
  }
  static Cell boolean(bool v) {
    Cell c;
    c.kind = ValueKind::Bool;
    c.b = v;
    return c;
  }
  static Cell int64(int64_t v) {
    Cell c;
    c.kind = ValueKind::Int;
    c.i = v;
    return c;
  }
  static Cell uint64(uint64_t v) {
    Cell c;
    c.kind = ValueKind::UInt;
    c.u = v;
    return c;
  }
  static Cell float64(double v) {
    Cell c;
    c.kind = ValueKind::Float;
    c.f = v;
    return c;
  }
  static Cell text(ValueKind kind, const char* data, uint32_t length) {
    Cell c;
    c.kind = kind;
    c.ref = reinterpret_cast<uintptr_t>(data);
    c.len = length;
    return c;
  }
  static Cell array(uint64_t first, uint32_t count) {
    Cell c;
    c.kind = ValueKind::Array;
    c.ref = first;
    c.len = count;
    return c;
  }
  // The bytes of a String/Object cell; they live as long as the batch that made the cell.
  std::string_view text() const { return {reinterpret_cast<const char*>(ref), len}; }
  bool is_absent() const { return kind == ValueKind::Missing || kind == ValueKind::Null; }
};

static_assert(sizeof(Cell) == 16, "Cell must stay 16 bytes");

}  // namespace sluice
