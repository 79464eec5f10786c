#include "expr/builtin_support.h"

namespace sluice::expr {
namespace {

std::string_view go_kind_name(Kind kind) {
  switch (kind) {
    case Kind::Int:
      return "int";
    case Kind::Float:
      return "float64";
    case Kind::String:
      return "string";
    case Kind::Bool:
      return "bool";
    case Kind::Array:
      return "[]interface {}";
    case Kind::Map:
      return "map[string]interface {}";
    case Kind::Time:
      return "time.Time";
    case Kind::Duration:
      return "time.Duration";
    case Kind::Nil:
      return "<nil>";
  }
  return "?";
}

bool assignable(const Type& arg, TypeKind param) {
  if (param == TypeKind::Unknown || arg.unknown()) return true;
  if (param == TypeKind::Float && arg.is(TypeKind::Int)) return true;
  return arg.kind() == param;
}

}  // namespace

Signature typed_signature(std::string_view name, std::span<const Type> args,
                          std::initializer_list<TypeKind> params, size_t required, Type result) {
  Signature sig;
  if (args.size() > params.size()) {
    sig.error = "too many arguments to call " + std::string(name);
    return sig;
  }
  if (args.size() < required) {
    sig.error = "not enough arguments to call " + std::string(name);
    return sig;
  }
  size_t i = 0;
  for (TypeKind param : params) {
    if (i >= args.size()) break;
    if (!assignable(args[i], param)) {
      sig.error = "cannot use " + type_name(args[i]) + " as argument (type " +
                  type_name(Type(param)) + ") to call " + std::string(name) + " ";
      sig.bad_arg = static_cast<int>(i);
      return sig;
    }
    ++i;
  }
  sig.result = std::move(result);
  return sig;
}

Signature count_signature(std::span<const Type> args, size_t min, size_t max, Type result) {
  Signature sig;
  if (args.size() < min || args.size() > max) {
    sig.error = "invalid number of arguments (expected " +
                std::to_string(args.size() < min ? min : max) + ", got " +
                std::to_string(args.size()) + ")";
    return sig;
  }
  sig.result = std::move(result);
  return sig;
}

std::string conversion_error(const Value& v, std::string_view want) {
  return "interface conversion: interface {} is " +
         std::string(v.is_nil() ? "nil" : go_type_name(v)) + ", not " + std::string(want);
}

bool need(const Value& v, Kind kind, std::string& error) {
  if (v.kind() == kind) return true;
  error = conversion_error(v, go_kind_name(kind));
  return false;
}

bool need_count(std::span<const Value> args, size_t min, size_t max, std::string_view name,
                std::string& error) {
  if (args.size() >= min && args.size() <= max) return true;
  error = "invalid number of arguments for " + std::string(name) + " (expected " +
          std::to_string(args.size() < min ? min : max) + ", got " + std::to_string(args.size()) +
          ")";
  return false;
}

const FunctionSet& builtin_functions() {
  static const FunctionSet set = [] {
    FunctionSet s;
    add_string_builtins(s);
    add_number_builtins(s);
    add_collection_builtins(s);
    add_misc_builtins(s);
    return s;
  }();
  return set;
}

}  // namespace sluice::expr
