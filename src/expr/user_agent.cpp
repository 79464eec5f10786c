#include "expr/user_agent.h"

#include "expr/utf8.h"

namespace sluice::expr {

std::string_view user_agent_part(std::string_view ua, std::string_view part, std::string& scratch) {
  scratch.assign(ua);
  utf8::ascii_case_in_place(scratch.data(), scratch.size(), false);
  const std::string_view lowered = scratch;
  auto has = [&](std::string_view s) { return lowered.find(s) != std::string_view::npos; };
  if (part == "device") {
    if (has("ipad") || (has("android") && !has("mobile"))) return "Tablet";
    if (has("mobile") || has("iphone") || has("android")) return "Mobile";
    return "Desktop";
  }
  if (part == "browser") {
    if (has("edg/")) return "Edge";
    if (has("chrome") || has("crios")) return "Chrome";
    if (has("firefox") || has("fxios")) return "Firefox";
    if (has("safari")) return "Safari";
    return "Unknown";
  }
  if (part == "os") {
    if (has("iphone") || has("ipad") || has("ipod")) return "iOS";
    if (has("android")) return "Android";
    if (has("windows")) return "Windows";
    if (has("mac os") || has("macintosh")) return "macOS";
    if (has("linux")) return "Linux";
    return "Unknown";
  }
  return "";
}

}  // namespace sluice::expr
