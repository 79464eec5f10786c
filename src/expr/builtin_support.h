#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "expr/function.h"

// Shared pieces of the builtin tables (expr/builtins_*.cpp): signature checks worded as
// expr-lang's checker words them, and runtime argument conversions worded as Go's panics.
namespace sluice::expr {

// A Go-typed function: "not enough/too many arguments to call NAME", "cannot use T as argument
// (type P) to call NAME " (sic). `required` leading params must be given; ints may stand for
// floats. TypeKind::Unknown accepts anything.
Signature typed_signature(std::string_view name, std::span<const Type> args,
                          std::initializer_list<TypeKind> params, size_t required, Type result);
// A builtin validated by count only: "invalid number of arguments (expected N, got M)".
Signature count_signature(std::span<const Type> args, size_t min, size_t max, Type result);

// Runtime: "interface conversion: interface {} is float64, not string".
bool need(const Value& v, Kind kind, std::string& error);
std::string conversion_error(const Value& v, std::string_view want);
bool need_count(std::span<const Value> args, size_t min, size_t max, std::string_view name,
                std::string& error);

// int(f): truncated toward zero; NaN and out of range give INT64_MIN (Go on amd64).
int64_t float_to_int(double f);

void add_string_builtins(FunctionSet& set);
void add_number_builtins(FunctionSet& set);
void add_collection_builtins(FunctionSet& set);
void add_misc_builtins(FunctionSet& set);  // time, JSON, base64

}  // namespace sluice::expr
