#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Appends `s` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
// Invalid UTF-8 is passed through byte for byte; callers that store arbitrary bytes
// base64-encode them instead.
void append_json_string(std::string& out, std::string_view s);

}  // namespace sluice
