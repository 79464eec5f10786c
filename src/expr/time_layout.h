#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expr/value.h"

// Go reference-time layouts ("2006-01-02T15:04:05Z07:00") for expr's date() and Time.Format.
// Zones: UTC, fixed offsets and abbreviations (an unknown abbreviation has offset 0, as Go).
namespace sluice::expr {

// expr-lang's date(): `layout` empty = try its default layouts (no offset means UTC).
std::optional<Time> parse_date(std::string_view text, std::string_view layout, std::string& error);
// Time.Format(layout).
std::string format_time(const Time& t, std::string_view layout);
// Time.String(): 2024-03-01 10:00:00 +0000 UTC.
std::string time_string(const Time& t);
// RFC 3339 with nanoseconds, as encoding/json writes a time.
std::string time_rfc3339(const Time& t);

}  // namespace sluice::expr
