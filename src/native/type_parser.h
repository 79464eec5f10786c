#pragma once

#include <string_view>

#include "base/result.h"
#include "native/type_desc.h"

namespace sluice::native {

// Parses a ClickHouse type name such as "Array(Nullable(String))" or "Tuple(a UInt8, b String)".
// Whitespace between tokens is ignored. On failure the Error (InvalidArgument) says what is
// wrong and at which byte position, e.g. `unknown type "Strng" at position 0`.
// Thread-safe (no shared state).
Result<TypeDesc> parse_type(std::string_view text);

}  // namespace sluice::native
