#pragma once

#include <memory>
#include <string_view>

#include "core/batch.h"

namespace sluice::native {

// Turns the JSON text of Object cells back into cells, for the composite types that read an
// object's members (Map, Tuple by element names). Cells go into a scratch Batch the caller owns:
// strings into its arena, nested arrays into element columns, nested objects as Object cells
// holding their minified JSON text. Uses simdjson's DOM parser; one instance per encoder.
class JsonCells {
 public:
  JsonCells();
  ~JsonCells();
  JsonCells(const JsonCells&) = delete;
  JsonCells& operator=(const JsonCells&) = delete;

  // Calls `member(key, cell_index)` for each member of the object `json`, after appending the
  // member's value to `values` (its index is cell_index). Returns false when `json` is not an
  // object.
  template <typename F>
  bool for_each_member(std::string_view json, Batch& scratch, Column& values, F&& member);

  // Copies `cell` of `column` in `batch` (deeply: texts and array elements) into `to` of
  // `scratch`, returning the new cell.
  static Cell copy_cell(const Batch& batch, const Column& column, const Cell& cell, Batch& scratch,
                        Column& to);

 private:
  // Parses `json`; false if it is not an object. Then members are visited by next_member().
  bool parse_object(std::string_view json);
  bool next_member(Batch& scratch, Column& values, std::string_view& key);

  struct State;
  std::unique_ptr<State> state_;
};

template <typename F>
bool JsonCells::for_each_member(std::string_view json, Batch& scratch, Column& values, F&& member) {
  if (!parse_object(json)) return false;
  std::string_view key;
  while (next_member(scratch, values, key))
    member(key, static_cast<uint32_t>(values.cells.size() - 1));
  return true;
}

}  // namespace sluice::native
