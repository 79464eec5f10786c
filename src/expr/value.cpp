#include "expr/value.h"

namespace sluice::expr {
namespace {

// reflect.DeepEqual: same kinds all the way down (used for map contents).
bool deep_equal(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Nil:
      return true;
    case Kind::Bool:
      return a.as_bool() == b.as_bool();
    case Kind::Int:
      return a.as_int() == b.as_int();
    case Kind::Float:
      return a.as_float() == b.as_float();
    case Kind::String:
      return a.as_string() == b.as_string();
    case Kind::Duration:
      return a.as_duration() == b.as_duration();
    case Kind::Time:
      return a.as_time() == b.as_time();
    case Kind::Array: {
      const Array& x = a.as_array();
      const Array& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!deep_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::Map: {
      const Map& x = a.as_map();
      const Map& y = b.as_map();
      if (x.size() != y.size()) return false;
      for (auto xi = x.begin(), yi = y.begin(); xi != x.end(); ++xi, ++yi) {
        if (xi->first != yi->first || !deep_equal(xi->second, yi->second)) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace

bool equal(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.kind() == Kind::Int && b.kind() == Kind::Int) return a.as_int() == b.as_int();
    return a.as_number() == b.as_number();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Time:
      return a.as_time().seconds == b.as_time().seconds && a.as_time().nanos == b.as_time().nanos;
    case Kind::Array: {
      const Array& x = a.as_array();
      const Array& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (!equal(x[i], y[i])) return false;
      }
      return true;
    }
    default:
      return deep_equal(a, b);
  }
}

std::string_view go_type_name(const Value& v) {
  switch (v.kind()) {
    case Kind::Nil:
      return "<nil>";
    case Kind::Bool:
      return "bool";
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float64";
    case Kind::String:
      return "string";
    case Kind::Array:
      return "[]interface {}";
    case Kind::Map:
      return "map[string]interface {}";
    case Kind::Time:
      return "time.Time";
    case Kind::Duration:
      return "time.Duration";
  }
  return "?";
}

}  // namespace sluice::expr
