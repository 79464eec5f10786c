#include "transforms/output_conversion.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "base/text.h"
#include "expr/value_format.h"

namespace sluice::transforms {
namespace {

// strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent.
std::string plain_float(double f) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  char buf[400];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : expr::format_float(f);
}

// "42.000" -> "42" (spf13/cast trims a zero fraction before parsing integers).
std::string_view trim_zero_decimal(std::string_view s) {
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos || dot == 0) return s;
  for (size_t i = dot + 1; i < s.size(); ++i)
    if (s[i] != '0') return s;
  return s.substr(0, dot);
}

std::optional<int64_t> parse_int(std::string_view text) {
  std::string_view s = trim_zero_decimal(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) base = 8;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) base = 2;
  if (base != 10) s.remove_prefix(2);
  uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  if (magnitude > (negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) return std::nullopt;
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

std::optional<double> parse_float(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (s == t) return true;
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (s == f) return false;
  return std::nullopt;
}

std::string cannot(const expr::Value& v, std::string_view type) {
  return "unable to cast " + expr::display_string(v) + " of type " +
         std::string(expr::go_type_name(v)) + " to " + std::string(type);
}

}  // namespace

bool is_cast_type(std::string_view type) {
  return type == "string" || type == "int" || type == "int64" || type == "float64" ||
         type == "bool";
}

std::optional<expr::Value> convert_output(const expr::Value& v, std::string_view output_type,
                                          std::string& error) {
  // Callers pass the type lower-cased already (the chain does, once); lowering it here again
  // would cost a string per output and row.
  std::string lowered;
  std::string_view type = output_type;
  if (std::any_of(type.begin(), type.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    lowered = to_lower(output_type);
    type = lowered;
  }
  const expr::Kind kind = v.kind();
  if (type == "string") {
    switch (kind) {
      case expr::Kind::Nil:
        return expr::Value(std::string());
      case expr::Kind::String:
        return v;
      case expr::Kind::Bool:
        return expr::Value(v.as_bool() ? "true" : "false");
      case expr::Kind::Int:
        return expr::Value(std::to_string(v.as_int()));
      case expr::Kind::Float:
        return expr::Value(plain_float(v.as_float()));
      case expr::Kind::Time:
      case expr::Kind::Duration:
        return expr::Value(expr::display_string(v));
      default:
        break;
    }
  } else if (type == "int" || type == "int64") {
    switch (kind) {
      case expr::Kind::Nil:
        return expr::Value(int64_t{0});
      case expr::Kind::Int:
        return v;
      case expr::Kind::Bool:
        return expr::Value(int64_t{v.as_bool() ? 1 : 0});
      case expr::Kind::Float: {
        const double f = v.as_float();
        if (std::isfinite(f) && f >= -9223372036854775808.0 && f < 9223372036854775808.0)
          return expr::Value(static_cast<int64_t>(f));
        break;
      }
      case expr::Kind::String:
        if (auto i = parse_int(v.as_string())) return expr::Value(*i);
        break;
      default:
        break;
    }
  } else if (type == "float64") {
    switch (kind) {
      case expr::Kind::Nil:
        return expr::Value(0.0);
      case expr::Kind::Float:
        return v;
      case expr::Kind::Int:
        return expr::Value(static_cast<double>(v.as_int()));
      case expr::Kind::Bool:
        return expr::Value(v.as_bool() ? 1.0 : 0.0);
      case expr::Kind::String:
        if (auto f = parse_float(v.as_string())) return expr::Value(*f);
        break;
      default:
        break;
    }
  } else if (type == "bool") {
    switch (kind) {
      case expr::Kind::Nil:
        return expr::Value(false);
      case expr::Kind::Bool:
        return v;
      case expr::Kind::Int:
        return expr::Value(v.as_int() != 0);
      case expr::Kind::Float:
        return expr::Value(v.as_float() != 0);
      case expr::Kind::String:
        if (auto b = parse_bool(v.as_string())) return expr::Value(*b);
        break;
      default:
        break;
    }
  } else {
    return v;  // "[]string" and anything else: unconverted (is_cast_type is false)
  }
  error = cannot(v, type);
  return std::nullopt;
}

}  // namespace sluice::transforms
