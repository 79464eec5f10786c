#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/text.h"

// Small string helpers shared by the config sources.
namespace sluice::config {

using sluice::to_lower;  // base/text.h
using sluice::trim;
bool equals_ignoring_case(std::string_view a, std::string_view b);
std::string quoted(std::string_view text);  // "text", with \" and control characters escaped
std::string join(std::span<const std::string_view> items, std::string_view separator);

}  // namespace sluice::config
