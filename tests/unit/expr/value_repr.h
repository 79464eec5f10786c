#pragma once

// A test-only text form of expr values that shows kinds: ints bare (3), floats always with a
// point or exponent (3.0, 1e+21, +Inf), strings JSON-quoted, arrays [a, b], maps {"k": v}.
// Written independently of the library's own formatting so that tests can check it.
#include <charconv>
#include <cmath>
#include <string>

#include "expr/value.h"

namespace sluice::expr::testing {

inline std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::string repr(const Value& v) {
  switch (v.kind()) {
    case Kind::Nil:
      return "nil";
    case Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Kind::Int:
      return std::to_string(v.as_int());
    case Kind::Float: {
      const double f = v.as_float();
      if (std::isnan(f)) return "NaN";
      if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
      char buf[64];
      auto end = std::to_chars(buf, buf + sizeof buf, f).ptr;
      std::string text(buf, end);
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      return text;
    }
    case Kind::String:
      return quote(v.as_string());
    case Kind::Array: {
      std::string out = "[";
      for (size_t i = 0; i < v.as_array().size(); ++i) {
        if (i > 0) out += ", ";
        out += repr(v.as_array()[i]);
      }
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += quote(key) + ": " + repr(item);
      }
      return out + "}";
    }
    case Kind::Time:
      return "time(" + std::to_string(v.as_time().seconds) + "." +
             std::to_string(v.as_time().nanos) + ")";
    case Kind::Duration:
      return "duration(" + std::to_string(v.as_duration().nanos) + ")";
  }
  return "?";
}

}  // namespace sluice::expr::testing
