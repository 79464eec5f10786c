#include "expr/evaluator.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "expr/builtin_support.h"
#include "expr/operators.h"
#include "expr/parser.h"
#include "expr/regex.h"
#include "expr/time_value.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

constexpr int64_t kMemoryBudget = 1'000'000;

bool string_set_literal(const Node& node) {
  if (node.kind != NodeKind::ArrayLit || node.kids.empty()) return false;
  for (const auto& kid : node.kids) {
    if (kid->kind != NodeKind::Literal || kid->literal.kind() != Kind::String) return false;
  }
  return true;
}

bool to_index(const Value& v, int64_t& out) {
  if (v.kind() == Kind::Int) {
    out = v.as_int();
    return true;
  }
  if (v.kind() == Kind::Float && std::isfinite(v.as_float())) {  // untyped mode truncates
    out = static_cast<int64_t>(v.as_float());
    return true;
  }
  return false;
}

}  // namespace

Evaluator::Evaluator(std::span<const Value> variables, const Value* env_map, size_t locals)
    : variables_(variables), env_map_(env_map), locals_(locals) {}

bool Evaluator::fail(const Node& node, std::string message) {
  error_ = std::move(message);
  error_pos_ = node.pos;
  return false;
}

bool Evaluator::eval(const Node& node, Value& out) {
  switch (node.kind) {
    case NodeKind::Literal:
      out = node.literal;
      return true;
    case NodeKind::Variable:
      out = node.slot >= 0 && static_cast<size_t>(node.slot) < variables_.size()
                ? variables_[static_cast<size_t>(node.slot)]
                : Value();
      return true;
    case NodeKind::Local:
      out = locals_[static_cast<size_t>(node.slot)];
      return true;
    case NodeKind::EnvMap:
      out = env_map_ != nullptr ? *env_map_ : Value(Map{});
      return true;
    case NodeKind::Pointer: {
      if (scopes_.empty()) return fail(node, "pointer outside predicate");
      const Scope& scope = scopes_.back();
      if (node.name == "index")
        out = Value(scope.index);
      else if (node.name == "acc")
        out = *scope.acc;
      else
        out = *scope.element;
      return true;
    }
    case NodeKind::Unary:
      return unary(node, out);
    case NodeKind::Binary:
      return binary(node, out);
    case NodeKind::And:
    case NodeKind::Or: {
      Value left;
      if (!eval(*node.kids[0], left)) return false;
      bool l = false;
      if (!condition(node, left, l)) return false;
      if (node.kind == NodeKind::And ? !l : l) {
        out = Value(l);
        return true;
      }
      return eval(*node.kids[1], out);  // the right value is returned unchecked, as upstream
    }
    case NodeKind::Coalesce:
      if (!eval(*node.kids[0], out)) return false;
      if (!out.is_nil()) return true;
      return eval(*node.kids[1], out);
    case NodeKind::Compare:
      return compare_chain(node, out);
    case NodeKind::Ternary:
    case NodeKind::If: {
      Value cond;
      if (!eval(*node.kids[0], cond)) return false;
      bool c = false;
      if (!condition(node, cond, c)) return false;
      if (c && !node.kids[1]) {
        out = cond;
        return true;
      }
      return eval(c ? *node.kids[1] : *node.kids[2], out);
    }
    case NodeKind::Member:
      return member(node, out);
    case NodeKind::Index:
      return index(node, out);
    case NodeKind::Slice:
      return slice(node, out);
    case NodeKind::Call:
      return call(node, out);
    case NodeKind::Method:
      return method(node, out);
    case NodeKind::ArrayLit: {
      Array items;
      items.reserve(node.kids.size());
      for (const auto& kid : node.kids) {
        Value v;
        if (!eval(*kid, v)) return false;
        items.push_back(std::move(v));
      }
      out = Value(std::move(items));
      return true;
    }
    case NodeKind::MapLit:
      return map_literal(node, out);
    case NodeKind::Let: {
      Value v;
      if (!eval(*node.kids[0], v)) return false;
      locals_[static_cast<size_t>(node.slot)] = std::move(v);
      return eval(*node.kids[1], out);
    }
    case NodeKind::Sequence:
      for (const auto& kid : node.kids) {
        if (!eval(*kid, out)) return false;
      }
      return true;
    case NodeKind::Predicate:
      return eval(*node.kids[0], out);
    case NodeKind::Chain: {
      const bool ok = eval(*node.kids[0], out);
      if (chain_nil_) out = Value();
      chain_nil_ = false;
      return ok;
    }
  }
  return fail(node, "unsupported expression");
}

bool Evaluator::condition(const Node& node, const Value& v, bool& out) {
  if (v.kind() != Kind::Bool) return fail(node, conversion_error(v, "bool"));
  out = v.as_bool();
  return true;
}

bool Evaluator::unary(const Node& node, Value& out) {
  Value v;
  if (!eval(*node.kids[0], v)) return false;
  if (node.name == "not") {
    bool b = false;
    if (!condition(node, v, b)) return false;
    out = Value(!b);
    return true;
  }
  if (node.name == "+" && (v.is_number() || v.kind() == Kind::Duration)) {
    out = v;
    return true;
  }
  if (v.kind() == Kind::Int) {
    out = Value(static_cast<int64_t>(0 - static_cast<uint64_t>(v.as_int())));
  } else if (v.kind() == Kind::Float) {
    out = Value(-v.as_float());
  } else if (v.kind() == Kind::Duration) {
    out = Value(Duration{static_cast<int64_t>(0 - static_cast<uint64_t>(v.as_duration().nanos))});
  } else {
    return fail(node, "invalid operation: " + node.name + std::string(go_type_name(v)));
  }
  return true;
}

bool Evaluator::binary(const Node& node, Value& out) {
  Value left, right;
  if (!eval(*node.kids[0], left) || !eval(*node.kids[1], right)) return false;
  const std::string& op = node.name;
  if (op == "==" || op == "!=") {
    out = Value(equal(left, right) == (op == "=="));
    return true;
  }
  if (op == "in") {
    if (string_set_literal(*node.kids[1])) return in_string_set(node, left, right, out);
    return in(node, left, right, out);
  }
  if (op == "matches" || op == "contains" || op == "startsWith" || op == "endsWith") {
    return string_test(node, left, right, out);
  }
  if (op == "..") return range(node, left, right, out);
  std::string error;
  if (!arithmetic(op, left, right, out, error)) return fail(node, std::move(error));
  return true;
}

// Upstream compiles `x in ["a", "b"]` (only string literals) to a map lookup: nil looks up ""
// and a non-string needle is a runtime error. Kept for dead-letter parity (expr-lang.md §3).
bool Evaluator::in_string_set(const Node& node, const Value& needle, const Value& set, Value& out) {
  if (!needle.is_nil() && needle.kind() != Kind::String) {
    return fail(node, "reflect.Value.MapIndex: value of type " + std::string(go_type_name(needle)) +
                          " is not assignable to type string");
  }
  const std::string key = needle.is_nil() ? std::string() : needle.as_string();
  out = Value(std::any_of(set.as_array().begin(), set.as_array().end(),
                          [&](const Value& item) { return item.as_string() == key; }));
  return true;
}

bool Evaluator::in(const Node& node, const Value& needle, const Value& haystack, Value& out) {
  switch (haystack.kind()) {
    case Kind::Nil:
      out = Value(false);
      return true;
    case Kind::Array:
      out = Value(std::any_of(haystack.as_array().begin(), haystack.as_array().end(),
                              [&](const Value& item) { return equal(item, needle); }));
      return true;
    case Kind::Map:
      if (needle.kind() != Kind::String) {
        return fail(
            node, "cannot use " + std::string(go_type_name(needle)) + " as type string in map key");
      }
      out = Value(haystack.as_map().count(needle.as_string()) > 0);
      return true;
    default:
      return fail(node, "operator \"in\" not defined on " + std::string(go_type_name(haystack)));
  }
}

bool Evaluator::string_test(const Node& node, const Value& left, const Value& right, Value& out) {
  if (left.is_nil() || right.is_nil()) {
    out = Value(false);
    return true;
  }
  if (left.kind() != Kind::String) return fail(node, conversion_error(left, "string"));
  if (right.kind() != Kind::String) return fail(node, conversion_error(right, "string"));
  const std::string& s = left.as_string();
  const std::string& p = right.as_string();
  const std::string& op = node.name;
  if (op == "contains") {
    out = Value(s.find(p) != std::string::npos);
  } else if (op == "startsWith") {
    out = Value(s.starts_with(p));
  } else if (op == "endsWith") {
    out = Value(s.ends_with(p));
  } else if (node.regex) {
    out = Value(regex_search(*node.regex, s));
  } else {
    std::string error;
    auto regex = compile_regex(p, error);
    if (!regex) return fail(node, std::move(error));
    out = Value(regex_search(*regex, s));
  }
  return true;
}

bool Evaluator::range(const Node& node, const Value& from, const Value& to, Value& out) {
  int64_t a = 0, b = 0;
  if (!to_index(from, a) || !to_index(to, b)) {
    return fail(node, "invalid operation: " + std::string(go_type_name(from)) + " .. " +
                          std::string(go_type_name(to)));
  }
  Array items;
  if (b >= a) {
    if (static_cast<uint64_t>(b) - static_cast<uint64_t>(a) >= kMemoryBudget) {
      return fail(node, "memory budget exceeded");
    }
    items.reserve(static_cast<size_t>(b - a + 1));
    for (int64_t i = a; i <= b; ++i) items.emplace_back(i);
  }
  out = Value(std::move(items));
  return true;
}

bool Evaluator::compare_chain(const Node& node, Value& out) {
  Value left;
  if (!eval(*node.kids[0], left)) return false;
  for (size_t i = 1; i < node.kids.size(); ++i) {
    Value right;
    if (!eval(*node.kids[i], right)) return false;
    bool ok = false;
    std::string error;
    if (!ordering(node.ops[i - 1], left, right, ok, error)) return fail(node, std::move(error));
    if (!ok) {
      out = Value(false);
      return true;
    }
    left = std::move(right);
  }
  out = Value(true);
  return true;
}

bool Evaluator::member(const Node& node, Value& out) {
  Value object;
  if (!eval(*node.kids[0], object)) return false;
  if (chain_nil_) return true;
  switch (object.kind()) {
    case Kind::Map: {
      const Map& m = object.as_map();
      auto it = m.find(node.name);
      out = it == m.end() ? Value() : it->second;
      return true;
    }
    case Kind::Nil:
      if (node.optional) {
        chain_nil_ = true;
        out = Value();
        return true;
      }
      return fail(node, "cannot fetch " + node.name + " from <nil>");
    default:
      return fail(node, "cannot fetch " + node.name + " from " + std::string(go_type_name(object)));
  }
}

bool Evaluator::index(const Node& node, Value& out) {
  Value object;
  if (!eval(*node.kids[0], object)) return false;
  if (chain_nil_) return true;
  if (object.is_nil() && node.optional) {
    chain_nil_ = true;
    out = Value();
    return true;
  }
  Value key;
  if (!eval(*node.kids[1], key)) return false;
  if (object.kind() == Kind::Array) {
    const Array& a = object.as_array();
    int64_t i = 0;
    if (!to_index(key, i)) {
      return fail(node, "array elements can only be selected using an integer (got " +
                            std::string(go_type_name(key)) + ")");
    }
    const int64_t n = static_cast<int64_t>(a.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
      return fail(node, "index out of range: " + std::to_string(i) + " (array length is " +
                            std::to_string(n) + ")");
    }
    out = a[static_cast<size_t>(i)];
    return true;
  }
  if (object.kind() == Kind::Map) {
    if (key.kind() != Kind::String) {
      return fail(node, "cannot use " + std::string(go_type_name(key)) +
                            " to get an element from map[string]interface {}");
    }
    const Map& m = object.as_map();
    auto it = m.find(key.as_string());
    out = it == m.end() ? Value() : it->second;
    return true;
  }
  return fail(node,
              "cannot fetch " + display_string(key) + " from " + std::string(go_type_name(object)));
}

bool Evaluator::slice(const Node& node, Value& out) {
  Value object;
  if (!eval(*node.kids[0], object)) return false;
  if (chain_nil_) return true;
  int64_t n = 0;
  if (object.kind() == Kind::Array)
    n = static_cast<int64_t>(object.as_array().size());
  else if (object.kind() == Kind::String)
    n = static_cast<int64_t>(object.as_string().size());
  else
    return fail(node, "cannot slice " + std::string(go_type_name(object)));
  int64_t bounds[2] = {0, n};
  for (size_t i = 0; i < 2; ++i) {
    const Node* kid = node.kids[i + 1].get();
    if (kid == nullptr) continue;
    Value v;
    if (!eval(*kid, v)) return false;
    if (!to_index(v, bounds[i])) {
      return fail(*kid, "non-integer slice index " + std::string(go_type_name(v)));
    }
    if (bounds[i] < 0) bounds[i] += n;
    bounds[i] = std::clamp<int64_t>(bounds[i], 0, n);
  }
  const size_t from = static_cast<size_t>(bounds[0]);
  const size_t to = static_cast<size_t>(std::max(bounds[0], bounds[1]));
  if (object.kind() == Kind::String) {
    out = Value(object.as_string().substr(from, to - from));
  } else {
    const Array& a = object.as_array();
    out = Value(Array(a.begin() + static_cast<std::ptrdiff_t>(from),
                      a.begin() + static_cast<std::ptrdiff_t>(to)));
  }
  return true;
}

bool Evaluator::call(const Node& node, Value& out) {
  if (node.fn == nullptr) {
    if (takes_predicate(node.name)) return predicate_call(node, out);
    return fail(node, "invalid operation: cannot call nil");
  }
  // Up to four arguments live on the stack.
  std::array<Value, 4> small;
  std::vector<Value> large;
  std::span<Value> args;
  if (node.kids.size() <= small.size()) {
    args = std::span<Value>(small.data(), node.kids.size());
  } else {
    large.resize(node.kids.size());
    args = std::span<Value>(large);
  }
  for (size_t i = 0; i < node.kids.size(); ++i) {
    if (!eval(*node.kids[i], args[i])) return false;
  }
  std::string error;
  if (!node.fn->call(args, out, error)) return fail(node, std::move(error));
  return true;
}

bool Evaluator::method(const Node& node, Value& out) {
  Value object;
  if (!eval(*node.kids[0], object)) return false;
  if (chain_nil_) return true;
  if (object.is_nil() && node.optional) {
    chain_nil_ = true;
    out = Value();
    return true;
  }
  std::vector<Value> args(node.kids.size() - 1);
  for (size_t i = 1; i < node.kids.size(); ++i) {
    if (!eval(*node.kids[i], args[i - 1])) return false;
  }
  std::string error;
  if (!call_time_method(object, node.name, args, out, error)) return fail(node, std::move(error));
  return true;
}

bool Evaluator::map_literal(const Node& node, Value& out) {
  Map m;
  for (size_t i = 0; i + 1 < node.kids.size(); i += 2) {
    Value key, value;
    if (!eval(*node.kids[i], key)) return false;
    if (key.kind() != Kind::String) {
      return fail(*node.kids[i], "cannot use " + std::string(go_type_name(key)) + " as map key");
    }
    if (!eval(*node.kids[i + 1], value)) return false;
    m.emplace(key.as_string(), std::move(value));  // the first occurrence wins, as upstream
  }
  out = Value(std::move(m));
  return true;
}

}  // namespace sluice::expr
