#include "native/number_text.h"

#include <charconv>
#include <cmath>

namespace sluice::native {

bool parse_int64_text(std::string_view text, int64_t& value) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_uint64_text(std::string_view text, uint64_t& value) {
  if (text.empty() || text[0] == '-') return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_double_text(std::string_view text, double& value) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  size_t digits_at = !text.empty() && text[0] == '-' ? 1 : 0;
  // from_chars also takes "inf", "nan" and hex forms with a format flag; demand a digit or "."
  // so that only decimal numbers pass.
  if (text.size() <= digits_at) return false;
  char first = text[digits_at];
  if (!((first >= '0' && first <= '9') || first == '.')) return false;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

}  // namespace sluice::native
