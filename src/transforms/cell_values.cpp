#include "transforms/cell_values.h"

#include <string>

#include "base/json_writer.h"
#include "expr/time_layout.h"
#include "expr/value_format.h"

namespace sluice::transforms {
namespace {

// Compact JSON of a value (Go's json.Marshal); maps sorted by key as Go does.
void append_json(std::string& out, const expr::Value& v);

std::string time_text(const expr::Value& v) {
  return expr::time_rfc3339(v.as_time());
}

void append_json(std::string& out, const expr::Value& v) {
  switch (v.kind()) {
    case expr::Kind::Nil:
      out += "null";
      break;
    case expr::Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      break;
    case expr::Kind::Int:
      out += std::to_string(v.as_int());
      break;
    case expr::Kind::Float: {
      std::string text, error;
      if (expr::to_json(v, text, error))
        out += text;
      else
        out += "null";  // NaN/Inf have no JSON form
      break;
    }
    case expr::Kind::String:
      append_json_string(out, v.as_string());
      break;
    case expr::Kind::Array: {
      out += '[';
      bool first = true;
      for (const expr::Value& e : v.as_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, e);
      }
      out += ']';
      break;
    }
    case expr::Kind::Map: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, k);
        out += ':';
        append_json(out, e);
      }
      out += '}';
      break;
    }
    case expr::Kind::Time:
      append_json_string(out, time_text(v));
      break;
    case expr::Kind::Duration:
      out += std::to_string(v.as_duration().nanos);
      break;
  }
}

}  // namespace

bool number_of_cell(const Cell& cell, double& out) {
  switch (cell.kind) {
    case ValueKind::Int:
      out = static_cast<double>(cell.i);
      return true;
    case ValueKind::UInt:
      out = static_cast<double>(cell.u);
      return true;
    case ValueKind::Float:
      out = cell.f;
      return true;
    default:
      return false;
  }
}

expr::Value value_of_cell(const Column& column, const Cell& cell) {
  switch (cell.kind) {
    case ValueKind::Missing:
    case ValueKind::Null:
      return expr::Value();
    case ValueKind::Bool:
      return expr::Value(cell.b);
    case ValueKind::Int:
    case ValueKind::UInt:
    case ValueKind::Float: {
      double number = 0;
      number_of_cell(cell, number);
      return expr::Value(number);
    }
    case ValueKind::String:
      return expr::Value(cell.text());
    case ValueKind::Object: {
      std::string error;
      auto parsed = expr::from_json(cell.text(), error);
      return parsed ? *parsed : expr::Value();
    }
    case ValueKind::Array: {
      expr::Array elements;
      elements.reserve(cell.len);
      if (column.elements) {
        const Column& inner = *column.elements;
        for (uint64_t i = cell.ref; i < cell.ref + cell.len; ++i)
          elements.push_back(value_of_cell(inner, inner.cells[i]));
      }
      return expr::Value(std::move(elements));
    }
  }
  return expr::Value();
}

void append_value(Column& column, const expr::Value& value) {
  auto text_cell = [&](ValueKind kind, std::string_view bytes) {
    column.cells.push_back(
        Cell::text(kind, column.texts.append(bytes), static_cast<uint32_t>(bytes.size())));
  };
  switch (value.kind()) {
    case expr::Kind::Nil:
      column.cells.push_back(Cell::null());
      break;
    case expr::Kind::Bool:
      column.cells.push_back(Cell::boolean(value.as_bool()));
      break;
    case expr::Kind::Int:
      column.cells.push_back(Cell::int64(value.as_int()));
      break;
    case expr::Kind::Float:
      column.cells.push_back(Cell::float64(value.as_float()));
      break;
    case expr::Kind::String:
      text_cell(ValueKind::String, value.as_string());
      break;
    case expr::Kind::Array: {
      Column& inner = column.element_column();
      const uint64_t first = inner.cells.size();
      for (const expr::Value& e : value.as_array()) append_value(inner, e);
      column.cells.push_back(Cell::array(first, static_cast<uint32_t>(value.as_array().size())));
      break;
    }
    case expr::Kind::Map: {
      std::string json;
      append_json(json, value);
      text_cell(ValueKind::Object, json);
      break;
    }
    case expr::Kind::Time:
      text_cell(ValueKind::String, time_text(value));
      break;
    case expr::Kind::Duration:
      column.cells.push_back(Cell::int64(value.as_duration().nanos));
      break;
  }
}

}  // namespace sluice::transforms
