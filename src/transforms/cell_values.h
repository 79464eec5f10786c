#pragma once

#include "core/batch.h"
#include "expr/value.h"

// Between decoded cells and expression values, as GlassFlow's runtime sees a message: the JSON
// object decoded into Go values (numbers float64, objects maps, arrays []any).
namespace sluice::transforms {

// The value of `cell`, a cell of `column` (whose element column holds array elements).
expr::Value value_of_cell(const Column& column, const Cell& cell);

// A number cell (int, uint, float) as the float64 value_of_cell makes of it; false otherwise.
bool number_of_cell(const Cell& cell, double& out);

// Appends `value` as the next cell of `column`: nil -> Null, bool, int, float, string, array
// (elements into the element column), map -> the object's compact JSON text, time -> RFC 3339
// text, duration -> int nanoseconds (how Go's encoding/json writes them).
void append_value(Column& column, const expr::Value& value);

}  // namespace sluice::transforms
