#include "native/cell_text.h"

#include "base/json_writer.h"

#include <charconv>
#include <cmath>

namespace sluice::native {
namespace {

void append_escaped(std::string_view s, std::string& out) {
  append_json_string(out, s);
}

}  // namespace

void append_scalar_text(const Cell& cell, std::string& out) {
  char buf[32];
  std::to_chars_result r{buf, std::errc()};
  switch (cell.kind) {
    case ValueKind::Bool:
      out += cell.b ? "true" : "false";
      return;
    case ValueKind::Int:
      r = std::to_chars(buf, buf + sizeof(buf), cell.i);
      break;
    case ValueKind::UInt:
      r = std::to_chars(buf, buf + sizeof(buf), cell.u);
      break;
    case ValueKind::Float: {
      if (!std::isfinite(cell.f)) {
        out += "null";  // JSON has no NaN/Infinity; the decoder never produces them
        return;
      }
      r = std::to_chars(buf, buf + sizeof(buf), cell.f);
      std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
      out.append(text);
      // Keep the value recognisably a float: shortest form of 3.0 is "3".
      if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
      return;
    }
    default:
      return;
  }
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void append_json(const Batch& batch, const Column& column, const Cell& cell, std::string& out) {
  switch (cell.kind) {
    case ValueKind::Missing:
    case ValueKind::Null:
      out += "null";
      return;
    case ValueKind::String:
      append_escaped(batch.text(cell), out);
      return;
    case ValueKind::Object:
      out.append(batch.text(cell));
      return;
    case ValueKind::Array: {
      out += '[';
      for (uint32_t k = 0; k < cell.len; ++k) {
        if (k > 0) out += ',';
        const Column& elements = *column.elements;
        append_json(batch, elements, elements.cells[cell.ref + k], out);
      }
      out += ']';
      return;
    }
    default:
      append_scalar_text(cell, out);
  }
}

std::string describe_value(const Batch& batch, const Column& column, const Cell& cell) {
  constexpr size_t kMax = 64;
  std::string text;
  if (cell.kind == ValueKind::String && cell.len > kMax) {
    append_json(batch, column, Cell::text(ValueKind::String, cell.text().data(), kMax), text);
    text.back() = '.';
    text += "..\"";
    return text;
  }
  append_json(batch, column, cell, text);
  if (text.size() > kMax + 3) {
    text.resize(kMax);
    text += "...";
  }
  return text;
}

}  // namespace sluice::native
