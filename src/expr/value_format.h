#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expr/value.h"

// Text forms of values, as Go prints them: fmt's %v (`string()`), encoding/json (`toJSON`,
// `fromJSON`).
namespace sluice::expr {

// Go's %v of a float64: shortest round-trip digits, exponent form (1.5e+06, 1e-05) when the
// decimal exponent is < -4 or >= 6, else plain (123456, 0.0001); +Inf, -Inf, NaN.
std::string format_float(double f);

// fmt.Sprint(v): true, <nil>, [1 a], map[a:1], 2024-03-01 10:00:00 +0000 UTC, 1h30m0s.
std::string display_string(const Value& v);

// json.MarshalIndent(v, "", "  "); false with `error` set for NaN/Inf.
bool to_json(const Value& v, std::string& out, std::string& error);

// json.Unmarshal into `any`: numbers become floats. nullopt with `error` set on bad input.
std::optional<Value> from_json(std::string_view text, std::string& error);

}  // namespace sluice::expr
