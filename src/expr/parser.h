#pragma once

#include <string_view>

#include "expr/ast.h"

namespace sluice::expr {

// Parses a whole program (`expr (; expr)*`, expr-lang.md §2) into a tree. Throws
// CompileFailure on a syntax error. The tree is not yet type-checked.
NodePtr parse(std::string_view source);

// Whether `name(...)`'s second argument is a predicate (all, any, filter, map, ...).
bool takes_predicate(std::string_view name);

}  // namespace sluice::expr
