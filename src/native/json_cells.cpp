#include "native/json_cells.h"

#include <simdjson.h>

namespace sluice::native {
namespace {

namespace dom = simdjson::dom;

Cell to_cell(dom::element element, Batch& scratch, Column& column);

// Stores `array`'s elements contiguously in column.element_column(); nested arrays recurse one
// level further down, so the reserve-then-fill order keeps every level contiguous.
Cell array_cell(dom::array array, Batch& scratch, Column& column) {
  Column& elements = column.element_column();
  const size_t first = elements.cells.size();
  const size_t count = array.size();
  elements.cells.resize(first + count);
  size_t i = first;
  for (dom::element e : array) {
    Cell c = to_cell(e, scratch, elements);
    elements.cells[i++] = c;
  }
  return Cell::array(first, static_cast<uint32_t>(count));
}

Cell to_cell(dom::element element, Batch& scratch, Column& column) {
  switch (element.type()) {
    case dom::element_type::INT64:
      return Cell::int64(int64_t(element));
    case dom::element_type::UINT64:
      return Cell::uint64(uint64_t(element));
    case dom::element_type::DOUBLE:
      return Cell::float64(double(element));
    case dom::element_type::BOOL:
      return Cell::boolean(bool(element));
    case dom::element_type::NULL_VALUE:
      return Cell::null();
    case dom::element_type::STRING:
      return scratch.add_text(ValueKind::String, std::string_view(element));
    case dom::element_type::ARRAY:
      return array_cell(dom::array(element), scratch, column);
    case dom::element_type::OBJECT:
    default:
      return scratch.add_text(ValueKind::Object, simdjson::minify(element));
  }
}

}  // namespace

struct JsonCells::State {
  dom::parser parser;
  dom::object object;
  dom::object::iterator it;
  dom::object::iterator end;
};

JsonCells::JsonCells() : state_(std::make_unique<State>()) {}
JsonCells::~JsonCells() = default;

bool JsonCells::parse_object(std::string_view json) {
  dom::element root;
  if (state_->parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) return false;
  if (root.get(state_->object) != simdjson::SUCCESS) return false;
  state_->it = state_->object.begin();
  state_->end = state_->object.end();
  return true;
}

bool JsonCells::next_member(Batch& scratch, Column& values, std::string_view& key) {
  if (state_->it == state_->end) return false;
  dom::key_value_pair kv = *state_->it;
  ++state_->it;
  key = kv.key;
  Cell c = to_cell(kv.value, scratch, values);
  values.cells.push_back(c);
  return true;
}

Cell JsonCells::copy_cell(const Batch& batch, const Column& column, const Cell& cell,
                          Batch& scratch, Column& to) {
  switch (cell.kind) {
    case ValueKind::String:
    case ValueKind::Object:
      return scratch.add_text(cell.kind, batch.text(cell));
    case ValueKind::Array: {
      Column& elements = to.element_column();
      const size_t first = elements.cells.size();
      elements.cells.resize(first + cell.len);
      for (uint32_t k = 0; k < cell.len; ++k) {
        Cell c = copy_cell(batch, *column.elements, column.elements->cells[cell.ref + k], scratch,
                           elements);
        elements.cells[first + k] = c;
      }
      return Cell::array(first, cell.len);
    }
    default:
      return cell;
  }
}

}  // namespace sluice::native
