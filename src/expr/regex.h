#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

// `matches` patterns: RE2, which implements the syntax of Go's regexp package. Errors are worded
// as Go's (`error parsing regexp: missing closing ): `(a``).
namespace sluice::expr {

// The compiled pattern, or nullptr with `error` set.
std::shared_ptr<const re2::RE2> compile_regex(std::string_view pattern, std::string& error);

// Unanchored search, as Go's MatchString.
bool regex_search(const re2::RE2& regex, std::string_view text);

}  // namespace sluice::expr
