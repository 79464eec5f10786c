#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "expr/duration_text.h"
#include "expr/function.h"
#include "expr/time_layout.h"
#include "expr/value.h"

// Time arithmetic and the methods of time and duration values, as Go's time package (parsing
// and printing: expr/time_layout.h, expr/duration_text.h). Zones: UTC and fixed offsets; IANA
// zone names are not supported.
namespace sluice::expr {

Time time_now();
Time add_duration(const Time& t, Duration d);
Duration time_sub(const Time& a, const Time& b);  // saturates like Go
int compare_times(const Time& a, const Time& b);  // -1, 0, 1

// Static result of `t.Name(args)` / `d.Name(args)`.
Signature time_method_signature(const Type& receiver, std::string_view name,
                                std::span<const Type> args);
// Runs a method of a time or duration value.
bool call_time_method(const Value& receiver, std::string_view name, std::span<const Value> args,
                      Value& out, std::string& error);

}  // namespace sluice::expr
