#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "expr/type.h"
#include "expr/value.h"

// Functions callable from expressions: the expr-lang builtins and host sets such as the
// GlassFlow helpers. A function is two plain function pointers, so sets are cheap static
// tables and calls need no allocation beyond their arguments.
namespace sluice::expr {

// Outcome of checking a call's static argument types. An empty `error` means the call is fine
// and yields `result`; otherwise `bad_arg` is the argument the error points at (-1: the call).
struct Signature {
  Type result;
  std::string error;
  int bad_arg = -1;
};

using TypeCheck = Signature (*)(std::string_view name, std::span<const Type> args);
// Computes the result into `out`, or sets `error` (the runtime message) and returns false.
using Implementation = bool (*)(std::span<const Value> args, Value& out, std::string& error);

struct Function {
  std::string name;
  TypeCheck check = nullptr;  // nullptr: any arguments, result unknown (checked at runtime)
  Implementation call = nullptr;
};

// Functions by name. A set given in CompileOptions shadows the builtins of the same name
// (`::name(...)` still reaches the builtin).
class FunctionSet {
 public:
  void add(Function function) {
    std::string name = function.name;
    functions_.insert_or_assign(std::move(name), std::move(function));
  }
  const Function* find(std::string_view name) const {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, Function, std::less<>>& all() const { return functions_; }

 private:
  std::map<std::string, Function, std::less<>> functions_;
};

// The expr-lang builtins implemented by Sluice (expr/builtins*.cpp). Predicate builtins
// (all, any, map, filter, ...) are language forms handled by the checker and evaluator.
const FunctionSet& builtin_functions();

}  // namespace sluice::expr
