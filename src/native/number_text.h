#pragma once

#include <cstdint>
#include <string_view>

namespace sluice::native {

// Strict parsers for numbers held in JSON strings. The whole text must match: no surrounding
// whitespace, no "+" sign, no hex. They return false on any other input or on overflow.

// A plain decimal integer: optional "-", then digits ("404", "-7").
bool parse_int64_text(std::string_view text, int64_t& value);
// Digits only, no sign.
bool parse_uint64_text(std::string_view text, uint64_t& value);
// A finite decimal number as in JSON, also accepting a leading "+", "5." and ".5"
// ("1.5", "-2e3"). "inf"/"nan" and values beyond double range are rejected.
bool parse_double_text(std::string_view text, double& value);

}  // namespace sluice::native
