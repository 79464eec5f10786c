#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "expr/value.h"

// Go's strings package operations used by the builtins and the GlassFlow helpers.
namespace sluice::expr {

std::string trim_space(std::string_view s);                        // strings.TrimSpace
std::string trim_chars(std::string_view s, std::string_view set);  // strings.Trim
// strings.SplitN / SplitAfterN (n < 0: all parts; n == 0: none); an empty separator splits
// after each UTF-8 sequence.
Array split_string(std::string_view s, std::string_view sep, int64_t n, bool keep_separator);
// strings.Replace (n < 0: all).
std::string replace_string(std::string_view s, std::string_view old_text, std::string_view new_text,
                           int64_t n);

}  // namespace sluice::expr
