#pragma once

#include <span>
#include <string>
#include <string_view>

// Small string helpers shared by the config sources.
namespace sluice::config {

std::string_view trim(std::string_view text);  // ASCII whitespace at both ends
std::string to_lower(std::string_view text);   // ASCII only
bool equals_ignoring_case(std::string_view a, std::string_view b);
std::string quoted(std::string_view text);  // "text", with \" and control characters escaped
std::string join(std::span<const std::string_view> items, std::string_view separator);

}  // namespace sluice::config
