#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sluice::config {

// Certificates and keys may be given as PEM text or as base64 of PEM (what the reference's UI
// sends). Returns the PEM text, or nullopt when the value is neither.
std::optional<std::string> pem_from_text_or_base64(std::string_view value);

}  // namespace sluice::config
