#pragma once

#include <map>
#include <string>
#include <vector>

#include "expr/ast.h"
#include "expr/function.h"
#include "expr/type.h"

// The static pass over a parsed tree (expr-lang.md §5): resolves names (env variables to
// slots, `let` variables to frame slots, calls to functions), computes each node's type,
// reports type errors, and compiles literal regexes.
namespace sluice::expr {

struct CheckInput {
  bool typed = false;                                // mode T: only `env` names exist
  const std::map<std::string, Type>* env = nullptr;  // mode T's names and their types
  const FunctionSet* functions = nullptr;            // host functions, shadowing builtins
};

struct CheckOutput {
  std::vector<std::string> variables;  // env names read, in slot order
  size_t locals = 0;                   // frame slots needed by `let`
  bool uses_env_map = false;           // the program reads $env
};

// Annotates `root` in place. Throws CompileFailure at the first error.
CheckOutput check(Node& root, const CheckInput& input);

}  // namespace sluice::expr
