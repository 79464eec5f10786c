#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expr/value.h"

namespace sluice::transforms {

// Whether convert_output casts to `type` (lower case): string, int, int64, float64, bool.
bool is_cast_type(std::string_view type);

// A stateless output converted by its `output_type`, as GlassFlow casts it (glassflow.md §6):
// "string" (cast), "int"/"int64" (cast, fractions truncated), "float64", "bool" (cast:
// "true"/"1"/"t"...), "[]string" (kept); any other output_type leaves the value as it is.
// nullopt with `error` set when the cast fails (the record is dead-lettered).
std::optional<expr::Value> convert_output(const expr::Value& value, std::string_view output_type,
                                          std::string& error);

}  // namespace sluice::transforms
