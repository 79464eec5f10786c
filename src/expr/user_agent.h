#pragma once

#include <string>
#include <string_view>

// GlassFlow's parseUserAgent(ua, part) classification (glassflow.md §6): substring tests on the
// ASCII-lowercased user agent. Shared by the helper and the compiled text programs.
namespace sluice::expr {

// "device": Tablet/Mobile/Desktop; "browser": Edge/Chrome/Firefox/Safari/Unknown; "os":
// iOS/Android/Windows/macOS/Linux/Unknown; any other part: "". The result is a static string;
// `scratch` holds the lowered text (a caller's buffer, so that repeated calls need no heap).
std::string_view user_agent_part(std::string_view ua, std::string_view part, std::string& scratch);

}  // namespace sluice::expr
