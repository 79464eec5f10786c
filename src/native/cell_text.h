#pragma once

#include <string>

#include "core/batch.h"

namespace sluice::native {

// JSON text of decoded cells, for String columns that receive non-string values and for
// failure messages. `column` is the column that holds `cell` (its element column holds the
// elements of an Array cell).

// Appends the JSON text of `cell`: numbers in shortest round-trip form (a Float always keeps a
// fraction or exponent, 3.0 -> "3.0"), strings quoted and escaped, objects as stored, arrays
// recursively. Missing and null are "null".
void append_json(const Batch& batch, const Column& column, const Cell& cell, std::string& out);

// Appends the text of a number or bool cell (Int, UInt, Float, Bool); other kinds append nothing.
void append_scalar_text(const Cell& cell, std::string& out);

// The value as shown in a failure message: its JSON text, cut to about 64 bytes.
std::string describe_value(const Batch& batch, const Column& column, const Cell& cell);

}  // namespace sluice::native
