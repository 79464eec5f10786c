#include "config/pem.h"

#include <cstdint>

#include "config/text_util.h"

namespace sluice::config {
namespace {

constexpr std::string_view kPemStart = "-----BEGIN ";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // standard and URL-safe alphabets
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Standard or URL-safe base64, line breaks allowed, padding optional.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int value = base64_value(c);
    if (value < 0 || padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> pem_from_text_or_base64(std::string_view value) {
  const std::string_view trimmed = trim(value);
  if (trimmed.starts_with(kPemStart)) return std::string(trimmed);
  auto decoded = decode_base64(trimmed);
  if (!decoded) return std::nullopt;
  const std::string_view pem = trim(*decoded);
  if (!pem.starts_with(kPemStart)) return std::nullopt;
  return std::string(pem);
}

}  // namespace sluice::config
