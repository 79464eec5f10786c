#pragma once

#include "expr/function.h"

// GlassFlow's stateless-transform helper functions (glassflow.md §6): parseQuery,
// getQueryParam/getNestedParam, urlDecode, parseISO8601, toDate, parseUserAgent, containsStr,
// hasPrefix, hasSuffix, upper, lower, trim, split, join, replace, toInt, toFloat, toString, keys,
// waterfall, extractPathType, hasKeyPrefix, hasAnyKey.
//
// Register the set with CompileOptions::functions for stateless expressions only (filters get
// the builtins only). Its names shadow the builtins (`::upper(x)` still reaches the builtin).
// Like GlassFlow's, the helpers take loosely typed arguments: they are not type-checked at
// compile time, and a wrong argument count is a runtime error.
namespace sluice::expr {

const FunctionSet& glassflow_functions();

}  // namespace sluice::expr
