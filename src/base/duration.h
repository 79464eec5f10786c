#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/result.h"

namespace sluice {

// Parses a duration in Go syntax (`300ms`, `1.5h`, `1h30m`, `2us`, `2µs`, `10ns`, a bare `0`)
// extended with `Nd` = N×24h (`1d12h`), as the pipeline files of the reference system use.
// Negative, empty, unit-less (other than `0`) or overflowing values are InvalidArgument errors
// whose message says what is wrong; callers add where (the config path).
Result<std::chrono::nanoseconds> parse_duration(std::string_view text);

// Formats a duration so that parse_duration reads it back exactly: the largest units first,
// zero parts left out (`1h30m`, `1m`, `1s500ms`, `2d`, `0s`). Negative values get a leading `-`
// (which parse_duration rejects; they only show up in messages).
std::string format_duration(std::chrono::nanoseconds duration);

}  // namespace sluice
