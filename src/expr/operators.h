#pragma once

#include <string>
#include <string_view>

#include "expr/value.h"

// The runtime semantics of expr-lang's binary operators (expr-lang.md §3). Each returns false
// and sets `error` (Go's runtime message, e.g. `invalid operation: float64 % int`) on failure.
namespace sluice::expr {

// + - * / % ** on numbers (int math wraps), strings (+), times and durations.
bool arithmetic(std::string_view op, const Value& a, const Value& b, Value& out,
                std::string& error);
// < > <= >= on numbers, strings (byte-wise), times, durations.
bool ordering(std::string_view op, const Value& a, const Value& b, bool& out, std::string& error);

}  // namespace sluice::expr
