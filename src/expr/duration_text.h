#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expr/value.h"

// Go's duration syntax: time.ParseDuration and Duration.String.
namespace sluice::expr {

// On failure `error` gets Go's message (`time: unknown unit "d" in duration "1d"`).
std::optional<Duration> parse_duration(std::string_view text, std::string& error);
// 1h30m0s, 1.5s, 250ms, 0s.
std::string format_duration(Duration d);

}  // namespace sluice::expr
