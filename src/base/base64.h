#pragma once

#include <string>
#include <string_view>

namespace sluice {

// Standard base64 (RFC 4648, with padding), via OpenSSL's encoder.
std::string base64_encode(std::string_view bytes);
// Returns false when `text` is not valid base64.
bool base64_decode(std::string_view text, std::string& out);

}  // namespace sluice
