#include "expr/value_format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "expr/time_value.h"
#include "expr/utf8.h"

namespace sluice::expr {
namespace {

// Shortest round-trip digits of |f| (no dot) and the decimal exponent of the first digit.
void shortest_digits(double f, std::string& digits, int& exponent) {
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  const std::string_view text(buf, static_cast<size_t>(result.ptr - buf));
  const size_t e = text.find('e');
  digits.clear();
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

std::string exponent_form(bool negative, const std::string& digits, int exponent, bool go_json) {
  std::string out = negative ? "-" : "";
  out += digits[0];
  if (digits.size() > 1) out += "." + digits.substr(1);
  out += exponent < 0 ? "e-" : "e+";
  const int abs = exponent < 0 ? -exponent : exponent;
  if (abs < 10 && !go_json) out += '0';
  out += std::to_string(abs);
  return out;
}

std::string plain_form(bool negative, const std::string& digits, int exponent) {
  std::string out = negative ? "-" : "";
  if (exponent < 0) {
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    return out;
  }
  const size_t int_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    out += digits + std::string(int_digits - digits.size(), '0');
  } else {
    out += digits.substr(0, int_digits) + "." + digits.substr(int_digits);
  }
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t at = 0, size = 0; at < s.size(); at += size) {
    const unsigned char c = static_cast<unsigned char>(s[at]);
    if (c < 0x80) {
      size = 1;
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    const char32_t cp = utf8::decode(s, at, size);
    if (cp == utf8::kReplacement && size == 1) {
      out += "\\ufffd";
    } else if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.substr(at, size));
    }
  }
  out += '"';
}

bool json_value(const Value& v, int depth, std::string& out, std::string& error) {
  const std::string indent(static_cast<size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<size_t>(depth) * 2, ' ');
  switch (v.kind()) {
    case Kind::Nil:
      out += "null";
      return true;
    case Kind::Bool:
      out += v.as_bool() ? "true" : "false";
      return true;
    case Kind::Int:
      out += std::to_string(v.as_int());
      return true;
    case Kind::Float: {
      const double f = v.as_float();
      if (std::isnan(f) || std::isinf(f)) {
        error = "json: unsupported value: " + format_float(f);
        return false;
      }
      if (f == 0) {
        out += std::signbit(f) ? "-0" : "0";
        return true;
      }
      std::string digits;
      int exponent = 0;
      shortest_digits(f, digits, exponent);
      const double abs = std::fabs(f);
      out += abs < 1e-6 || abs >= 1e21 ? exponent_form(f < 0, digits, exponent, true)
                                       : plain_form(f < 0, digits, exponent);
      return true;
    }
    case Kind::String:
      append_json_string(out, v.as_string());
      return true;
    case Kind::Time:
      append_json_string(out, time_rfc3339(v.as_time()));
      return true;
    case Kind::Duration:
      out += std::to_string(v.as_duration().nanos);
      return true;
    case Kind::Array: {
      const Array& a = v.as_array();
      if (a.empty()) {
        out += "[]";
        return true;
      }
      out += "[\n";
      for (size_t i = 0; i < a.size(); ++i) {
        out += indent;
        if (!json_value(a[i], depth + 1, out, error)) return false;
        out += i + 1 < a.size() ? ",\n" : "\n";
      }
      out += closing + "]";
      return true;
    }
    case Kind::Map: {
      const Map& m = v.as_map();
      if (m.empty()) {
        out += "{}";
        return true;
      }
      out += "{\n";
      size_t i = 0;
      for (const auto& [key, item] : m) {
        out += indent;
        append_json_string(out, key);
        out += ": ";
        if (!json_value(item, depth + 1, out, error)) return false;
        out += ++i < m.size() ? ",\n" : "\n";
      }
      out += closing + "}";
      return true;
    }
  }
  return true;
}

}  // namespace

std::string format_float(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  if (f == 0) return std::signbit(f) ? "-0" : "0";
  std::string digits;
  int exponent = 0;
  shortest_digits(f, digits, exponent);
  // strconv's 'g' with the shortest digits decides with precision 6.
  if (exponent < -4 || exponent >= 6) return exponent_form(f < 0, digits, exponent, false);
  return plain_form(f < 0, digits, exponent);
}

std::string display_string(const Value& v) {
  switch (v.kind()) {
    case Kind::Nil:
      return "<nil>";
    case Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Kind::Int:
      return std::to_string(v.as_int());
    case Kind::Float:
      return format_float(v.as_float());
    case Kind::String:
      return v.as_string();
    case Kind::Time:
      return time_string(v.as_time());
    case Kind::Duration:
      return format_duration(v.as_duration());
    case Kind::Array: {
      std::string out = "[";
      const Array& a = v.as_array();
      for (size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out += ' ';
        out += display_string(a[i]);
      }
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "map[";
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ' ';
        first = false;
        out += key + ":" + display_string(item);
      }
      return out + "]";
    }
  }
  return "";
}

bool to_json(const Value& v, std::string& out, std::string& error) {
  return json_value(v, 0, out, error);
}

}  // namespace sluice::expr
