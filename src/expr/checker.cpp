#include "expr/checker.h"

#include <algorithm>
#include <optional>

#include "expr/expr_error.h"
#include "expr/parser.h"
#include "expr/regex.h"
#include "expr/time_value.h"

namespace sluice::expr {
namespace {

bool unknown_or(const Type& t, TypeKind k) {
  return t.unknown() || t.is(k);
}

std::string mismatch(std::string_view op, const Type& l, const Type& r) {
  return "invalid operation: " + std::string(op) + " (mismatched types " + type_name(l) + " and " +
         type_name(r) + ")";
}

Type type_of_value(const Value& v) {
  switch (v.kind()) {
    case Kind::Nil:
      return TypeKind::Nil;
    case Kind::Bool:
      return TypeKind::Bool;
    case Kind::Int:
      return TypeKind::Int;
    case Kind::Float:
      return TypeKind::Float;
    case Kind::String:
      return TypeKind::String;
    case Kind::Array:
      return Type::array_of(Type());
    case Kind::Map:
      return Type::map_of({});
    case Kind::Time:
      return TypeKind::Time;
    case Kind::Duration:
      return TypeKind::Duration;
  }
  return Type();
}

// Either side unknown/nil, both numeric, both arrays, or the same type.
bool comparable(const Type& l, const Type& r) {
  if (l.unknown() || r.unknown() || l.is(TypeKind::Nil) || r.is(TypeKind::Nil)) return true;
  if (l.numeric() && r.numeric()) return true;
  return l.kind() == r.kind();
}

bool orderable(const Type& l, const Type& r) {
  auto ok_kind = [](const Type& t) {
    return t.unknown() || t.numeric() || t.is(TypeKind::String) || t.is(TypeKind::Time) ||
           t.is(TypeKind::Duration);
  };
  if (!ok_kind(l) || !ok_kind(r)) return false;
  if (l.unknown() || r.unknown()) return true;
  if (l.numeric() && r.numeric()) return true;
  return l.kind() == r.kind();
}

Type join_types(const Type& a, const Type& b) {
  if (a.kind() == b.kind() && a.kind() != TypeKind::Array && a.kind() != TypeKind::Map) return a;
  if (a.kind() == b.kind()) return Type(a.kind());
  return Type();
}

bool is_bool_predicate_builtin(std::string_view name) {
  return name == "all" || name == "any" || name == "none" || name == "one" || name == "filter" ||
         name == "find" || name == "findIndex" || name == "findLast" || name == "findLastIndex" ||
         name == "count";
}

class Checker {
 public:
  explicit Checker(const CheckInput& input) : in_(input) {}

  CheckOutput run(Node& root) {
    visit(root);
    return std::move(out_);
  }

 private:
  struct LetScope {
    std::string name;
    int slot;
    Type type;
  };

  [[noreturn]] void fail(const Node& node, std::string message) const {
    throw CompileFailure{std::move(message), node.pos};
  }

  int variable_slot(const std::string& name) {
    auto it = std::find(out_.variables.begin(), out_.variables.end(), name);
    if (it != out_.variables.end()) return static_cast<int>(it - out_.variables.begin());
    out_.variables.push_back(name);
    return static_cast<int>(out_.variables.size() - 1);
  }

  const Type* env_type(const std::string& name) const {
    if (in_.env == nullptr) return nullptr;
    auto it = in_.env->find(name);
    return it == in_.env->end() ? nullptr : &it->second;
  }

  const Function* find_function(const Node& node) const {
    if (!node.builtin_only && in_.functions != nullptr) {
      if (const Function* fn = in_.functions->find(node.name)) return fn;
    }
    return builtin_functions().find(node.name);
  }

  Type visit(Node& node) {
    node.type = visit_kind(node);
    return node.type;
  }

  Type visit_kind(Node& node) {
    switch (node.kind) {
      case NodeKind::Literal:
        return type_of_value(node.literal);
      case NodeKind::Variable:
        return variable(node);
      case NodeKind::Local:
        return Type();
      case NodeKind::EnvMap:
        out_.uses_env_map = true;
        return in_.typed && in_.env != nullptr ? Type::map_of(*in_.env) : Type::map_of({});
      case NodeKind::Pointer:
        if (node.name == "index") return TypeKind::Int;
        if (node.name == "acc") return Type();
        return elements_.empty() ? Type() : elements_.back();
      case NodeKind::Unary:
        return unary(node);
      case NodeKind::Binary:
        return binary(node);
      case NodeKind::And:
      case NodeKind::Or: {
        const Type l = visit(*node.kids[0]);
        const Type r = visit(*node.kids[1]);
        if (!unknown_or(l, TypeKind::Bool) || !unknown_or(r, TypeKind::Bool)) {
          fail(node, mismatch(node.name, l, r));
        }
        return r.is(TypeKind::Bool) && l.is(TypeKind::Bool) ? Type(TypeKind::Bool) : Type();
      }
      case NodeKind::Coalesce: {
        const Type l = visit(*node.kids[0]);
        const Type r = visit(*node.kids[1]);
        if (l.is(TypeKind::Nil)) return r;
        return join_types(l, r);
      }
      case NodeKind::Compare: {
        std::vector<Type> types;
        for (auto& kid : node.kids) types.push_back(visit(*kid));
        for (size_t i = 0; i + 1 < types.size(); ++i) {
          if (!orderable(types[i], types[i + 1])) {
            fail(node, mismatch(node.ops[i], types[i], types[i + 1]));
          }
        }
        return TypeKind::Bool;
      }
      case NodeKind::Ternary:
      case NodeKind::If: {
        const Type cond = visit(*node.kids[0]);
        if (!unknown_or(cond, TypeKind::Bool)) {
          fail(node, "non-bool expression (type " + type_name(cond) + ") used as condition");
        }
        const Type a = node.kids[1] ? visit(*node.kids[1]) : cond;
        const Type b = visit(*node.kids[2]);
        return join_types(a, b);
      }
      case NodeKind::Member:
        return member(node);
      case NodeKind::Index:
        return index(node);
      case NodeKind::Slice:
        return slice(node);
      case NodeKind::Call:
        return call(node);
      case NodeKind::Method:
        return method(node);
      case NodeKind::ArrayLit: {
        std::optional<Type> common;
        bool same = true;
        for (auto& kid : node.kids) {
          const Type t = visit(*kid);
          if (!common)
            common = t;
          else if (common->kind() != t.kind())
            same = false;
        }
        return Type::array_of(same && common ? Type(common->kind()) : Type());
      }
      case NodeKind::MapLit: {
        std::map<std::string, Type> fields;
        for (size_t i = 0; i + 1 < node.kids.size(); i += 2) {
          Node& key = *node.kids[i];
          const Type key_type = visit(key);
          if (!unknown_or(key_type, TypeKind::String)) {
            fail(key, "cannot use " + type_name(key_type) + " as map key");
          }
          const Type value = visit(*node.kids[i + 1]);
          if (key.kind == NodeKind::Literal) fields.emplace(key.literal.as_string(), value);
        }
        return Type::map_of(std::move(fields));
      }
      case NodeKind::Let:
        return let(node);
      case NodeKind::Sequence: {
        Type last;
        for (auto& kid : node.kids) last = visit(*kid);
        return last;
      }
      case NodeKind::Predicate:
        return visit(*node.kids[0]);
      case NodeKind::Chain:
        return visit(*node.kids[0]);
    }
    return Type();
  }

  Type variable(Node& node) {
    for (auto it = lets_.rbegin(); it != lets_.rend(); ++it) {
      if (it->name == node.name) {
        node.kind = NodeKind::Local;
        node.slot = it->slot;
        return it->type;
      }
    }
    if (in_.typed) {
      const Type* type = env_type(node.name);
      if (type == nullptr) fail(node, "unknown name " + node.name);
      node.slot = variable_slot(node.name);
      return *type;
    }
    node.slot = variable_slot(node.name);
    return Type();
  }

  Type unary(Node& node) {
    const Type t = visit(*node.kids[0]);
    const std::string shown =
        node.literal.kind() == Kind::String ? node.literal.as_string() : node.name;
    if (node.name == "not") {
      if (!unknown_or(t, TypeKind::Bool)) {
        fail(node, "invalid operation: " + shown + " (mismatched type " + type_name(t) + ")");
      }
      return TypeKind::Bool;
    }
    if (t.unknown() || t.numeric() || (node.name == "-" && t.is(TypeKind::Duration))) {
      return Type(t.kind());
    }
    fail(node, "invalid operation: " + shown + " (mismatched type " + type_name(t) + ")");
  }

  Type binary(Node& node) {
    const Type l = visit(*node.kids[0]);
    const Type r = visit(*node.kids[1]);
    const std::string& op = node.name;
    const bool any = l.unknown() || r.unknown();
    if (op == "+" || op == "-" || op == "*") {
      if (l.is(TypeKind::Int) && r.is(TypeKind::Int)) return TypeKind::Int;
      if (l.numeric() && r.numeric()) return TypeKind::Float;
      if (op == "+" && l.is(TypeKind::String) && r.is(TypeKind::String)) return TypeKind::String;
      if (l.is(TypeKind::Duration) && r.is(TypeKind::Duration) && op != "*")
        return TypeKind::Duration;
      if (op == "+" && ((l.is(TypeKind::Time) && r.is(TypeKind::Duration)) ||
                        (l.is(TypeKind::Duration) && r.is(TypeKind::Time))))
        return TypeKind::Time;
      if (op == "-" && l.is(TypeKind::Time) && r.is(TypeKind::Time)) return TypeKind::Duration;
      if (op == "-" && l.is(TypeKind::Time) && r.is(TypeKind::Duration)) return TypeKind::Time;
      if (op == "*" && ((l.is(TypeKind::Duration) && r.is(TypeKind::Int)) ||
                        (l.is(TypeKind::Int) && r.is(TypeKind::Duration))))
        return TypeKind::Duration;
      if (op == "*" && ((l.is(TypeKind::Duration) && r.is(TypeKind::Float)) ||
                        (l.is(TypeKind::Float) && r.is(TypeKind::Duration))))
        return TypeKind::Float;
      if (any && arithmetic_operand(l) && arithmetic_operand(r)) return Type();
      fail(node, mismatch(op, l, r));
    }
    if (op == "/" || op == "**") {
      if ((l.numeric() || l.unknown()) && (r.numeric() || r.unknown())) return TypeKind::Float;
      fail(node, mismatch(op, l, r));
    }
    if (op == "%") {
      if (unknown_or(l, TypeKind::Int) && unknown_or(r, TypeKind::Int)) return TypeKind::Int;
      fail(node, mismatch(op, l, r));
    }
    if (op == "==" || op == "!=") {
      if (!comparable(l, r)) fail(node, mismatch(op, l, r));
      return TypeKind::Bool;
    }
    if (op == "in") return in(node, l, r);
    if (op == "matches" || op == "contains" || op == "startsWith" || op == "endsWith") {
      auto ok = [](const Type& t) {
        return t.unknown() || t.is(TypeKind::String) || t.is(TypeKind::Nil);
      };
      if (!ok(l) || !ok(r)) fail(node, mismatch(op, l, r));
      if (op == "matches" && node.kids[1]->kind == NodeKind::Literal && r.is(TypeKind::String)) {
        std::string error;
        node.regex = compile_regex(node.kids[1]->literal.as_string(), error);
        if (!node.regex) fail(*node.kids[1], error);
      }
      return TypeKind::Bool;
    }
    if (op == "..") {
      if (!unknown_or(l, TypeKind::Int) || !unknown_or(r, TypeKind::Int)) {
        fail(node, mismatch(op, l, r));
      }
      return Type::array_of(TypeKind::Int);
    }
    fail(node, "unknown operator " + op);
  }

  static bool arithmetic_operand(const Type& t) {
    return t.unknown() || t.numeric() || t.is(TypeKind::String) || t.is(TypeKind::Time) ||
           t.is(TypeKind::Duration);
  }

  Type in(Node& node, const Type& needle, const Type& haystack) {
    if (haystack.unknown() || haystack.is(TypeKind::Nil)) return TypeKind::Bool;
    if (haystack.is(TypeKind::Array)) {
      const Type element = haystack.element();
      if (!element.unknown() && !needle.unknown() && !needle.is(TypeKind::Nil) &&
          !comparable(needle, element)) {
        fail(node,
             "cannot use " + type_name(needle) + " as type " + type_name(element) + " in array");
      }
      return TypeKind::Bool;
    }
    if (haystack.is(TypeKind::Map)) {
      if (!needle.unknown() && !needle.is(TypeKind::String) && !needle.is(TypeKind::Nil)) {
        fail(node, "cannot use " + type_name(needle) + " as type string in map key");
      }
      return TypeKind::Bool;
    }
    fail(node, mismatch("in", needle, haystack));
  }

  Type member(Node& node) {
    Node& object = *node.kids[0];
    const Type t = visit(object);
    if (object.kind == NodeKind::EnvMap) {
      if (in_.typed) {
        const Type* field = env_type(node.name);
        if (field != nullptr) return *field;
        if (!node.optional) fail(node, "unknown name " + node.name);
      }
      return Type();
    }
    if (t.unknown()) return Type();
    if (t.is(TypeKind::Map)) {
      const Type* field = t.field(node.name);
      return field != nullptr ? *field : Type();
    }
    fail(node, "type " + type_name(t) + " has no field " + node.name);
  }

  Type index(Node& node) {
    const Type t = visit(*node.kids[0]);
    Node& key = *node.kids[1];
    const Type k = visit(key);
    if (t.unknown()) return Type();
    if (t.is(TypeKind::Array)) {
      if (!unknown_or(k, TypeKind::Int)) {
        fail(key,
             "array elements can only be selected using an integer (got " + type_name(k) + ")");
      }
      return t.element();
    }
    if (t.is(TypeKind::Map)) {
      if (!unknown_or(k, TypeKind::String)) {
        fail(key, "cannot use " + type_name(k) + " to get an element from " + type_name(t));
      }
      if (key.kind == NodeKind::Literal && k.is(TypeKind::String)) {
        if (node.kids[0]->kind == NodeKind::EnvMap && in_.typed) {
          const Type* field = env_type(key.literal.as_string());
          return field != nullptr ? *field : Type();
        }
        const Type* field = t.field(key.literal.as_string());
        if (field != nullptr) return *field;
      }
      return Type();
    }
    fail(node, "type " + type_name(t) + "[" + type_name(k) + "] is undefined");
  }

  Type slice(Node& node) {
    const Type t = visit(*node.kids[0]);
    for (size_t i = 1; i <= 2; ++i) {
      if (!node.kids[i]) continue;
      const Type bound = visit(*node.kids[i]);
      if (!unknown_or(bound, TypeKind::Int)) {
        fail(*node.kids[i], "non-integer slice index " + type_name(bound));
      }
    }
    if (t.unknown() || t.is(TypeKind::Array) || t.is(TypeKind::String)) return t;
    fail(node, "cannot slice " + type_name(t));
  }

  Type call(Node& node) {
    for (const LetScope& scope : lets_) {
      if (scope.name == node.name) fail(node, "invalid operation: cannot call " + node.name);
    }
    if (takes_predicate(node.name) &&
        !(in_.functions && in_.functions->find(node.name) && !node.builtin_only)) {
      return predicate_call(node);
    }
    const Function* fn = find_function(node);
    if (fn == nullptr) {
      if (in_.typed) fail(node, "unknown name " + node.name);
      for (auto& kid : node.kids) visit(*kid);
      return Type();  // untyped: fails when run ("cannot call nil")
    }
    node.fn = fn;
    std::vector<Type> args;
    for (auto& kid : node.kids) args.push_back(visit(*kid));
    if (fn->check == nullptr) return Type();
    const Signature sig = fn->check(node.name, args);
    if (!sig.error.empty()) {
      const Node& at = sig.bad_arg >= 0 && static_cast<size_t>(sig.bad_arg) < node.kids.size()
                           ? *node.kids[static_cast<size_t>(sig.bad_arg)]
                           : node;
      fail(at, sig.error);
    }
    return sig.result;
  }

  Type predicate_call(Node& node) {
    const std::string& name = node.name;
    const size_t n = node.kids.size();
    const bool optional_predicate = name == "count" || name == "sum";
    const size_t min_args = optional_predicate ? 1 : 2;
    const size_t max_args = name == "reduce" || name == "sortBy" ? 3 : 2;
    if (n < min_args || n > max_args) {
      fail(node, "invalid number of arguments (expected " + std::to_string(min_args) + ", got " +
                     std::to_string(n) + ")");
    }
    const Type collection = visit(*node.kids[0]);
    if (!collection.unknown() && !collection.is(TypeKind::Array)) {
      fail(*node.kids[0],
           "builtin " + name + " takes only array (got " + type_name(collection) + ")");
    }
    const Type element = collection.element();
    Type body;
    if (n >= 2) {
      if (node.kids[1]->kind != NodeKind::Predicate) fail(*node.kids[1], "expected predicate");
      elements_.push_back(element);
      body = visit(*node.kids[1]);
      elements_.pop_back();
      if (is_bool_predicate_builtin(name) && !unknown_or(body, TypeKind::Bool)) {
        fail(*node.kids[1], "predicate should return boolean (got " + type_name(body) + ")");
      }
    }
    for (size_t i = 2; i < n; ++i) visit(*node.kids[i]);
    if (name == "all" || name == "any" || name == "none" || name == "one") return TypeKind::Bool;
    if (name == "filter") return Type::array_of(element);
    if (name == "map") return Type::array_of(Type(body.kind()));
    if (name == "count") return TypeKind::Int;
    if (name == "find" || name == "findLast") return element;
    if (name == "sortBy") return Type::array_of(element);
    if (name == "sum") {
      const Type summed = n >= 2 ? body : element;
      if (summed.is(TypeKind::Int)) return TypeKind::Int;
      if (summed.is(TypeKind::Float)) return TypeKind::Float;
      return Type();
    }
    return Type();  // findIndex/findLastIndex (int or nil), reduce, groupBy
  }

  Type method(Node& node) {
    const Type t = visit(*node.kids[0]);
    std::vector<Type> args;
    for (size_t i = 1; i < node.kids.size(); ++i) args.push_back(visit(*node.kids[i]));
    if (t.unknown()) return Type();
    if (t.is(TypeKind::Time) || t.is(TypeKind::Duration)) {
      const Signature sig = time_method_signature(t, node.name, args);
      if (!sig.error.empty()) {
        const Node& at = sig.bad_arg >= 0 ? *node.kids[static_cast<size_t>(sig.bad_arg) + 1] : node;
        fail(at, sig.error);
      }
      return sig.result;
    }
    fail(node, "type " + type_name(t) + " has no method " + node.name);
  }

  Type let(Node& node) {
    const std::string& name = node.name;
    if (in_.typed && env_type(name) != nullptr) fail(node, "cannot redeclare " + name);
    if (builtin_functions().find(name) != nullptr || takes_predicate(name) ||
        (in_.functions != nullptr && in_.functions->find(name) != nullptr)) {
      fail(node, "cannot redeclare builtin " + name);
    }
    for (const LetScope& scope : lets_) {
      if (scope.name == name) fail(node, "cannot redeclare variable " + name);
    }
    const Type value = visit(*node.kids[0]);
    node.slot = static_cast<int>(lets_.size());
    lets_.push_back({name, node.slot, value});
    out_.locals = std::max(out_.locals, lets_.size());
    const Type body = visit(*node.kids[1]);
    lets_.pop_back();
    return body;
  }

  const CheckInput& in_;
  CheckOutput out_;
  std::vector<LetScope> lets_;
  std::vector<Type> elements_;  // `#` of the enclosing predicates
};

}  // namespace

CheckOutput check(Node& root, const CheckInput& input) {
  return Checker(input).run(root);
}

}  // namespace sluice::expr
