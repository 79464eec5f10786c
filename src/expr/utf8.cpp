#include "expr/utf8.h"

#include <locale.h>

#include <cstdint>
#include <cstring>
#include <cwctype>

#include "base/swar.h"

namespace sluice::expr::utf8 {
namespace {

locale_t unicode_locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

}  // namespace

char32_t decode(std::string_view text, size_t at, size_t& size) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  size = 1;
  if (lead < 0x80) return lead;
  size_t need = 0;
  char32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    need = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    need = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    need = 3;
    cp = lead & 0x07;
  } else {
    return kReplacement;
  }
  if (at + need >= text.size()) return kReplacement;
  for (size_t i = 1; i <= need; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (byte(at + i) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacement;
  size = need + 1;
  return cp;
}

void append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t count(std::string_view text) {
  size_t n = 0;
  for (size_t at = 0, size = 0; at < text.size(); at += size) {
    decode(text, at, size);
    ++n;
  }
  return n;
}

bool is_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  if (cp == 0x85 || cp == 0xA0) return true;
  const locale_t locale = unicode_locale();
  return locale != static_cast<locale_t>(0) && iswspace_l(static_cast<wint_t>(cp), locale);
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const locale_t locale = unicode_locale();
  return locale != static_cast<locale_t>(0) && iswalpha_l(static_cast<wint_t>(cp), locale);
}

bool is_digit(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  const locale_t locale = unicode_locale();
  return locale != static_cast<locale_t>(0) && iswdigit_l(static_cast<wint_t>(cp), locale);
}

char32_t to_upper(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  const locale_t locale = unicode_locale();
  if (locale == static_cast<locale_t>(0)) return cp;
  return static_cast<char32_t>(towupper_l(static_cast<wint_t>(cp), locale));
}

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  const locale_t locale = unicode_locale();
  if (locale == static_cast<locale_t>(0)) return cp;
  return static_cast<char32_t>(towlower_l(static_cast<wint_t>(cp), locale));
}

namespace {

bool is_ascii(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

// ASCII text maps byte by byte (every other byte is part of a multi-byte sequence or invalid).
template <typename Map>
void map_chars(std::string_view text, Map map, char from, std::string& out) {
  out.clear();
  if (is_ascii(text)) {
    out.assign(text);
    ascii_case_in_place(out.data(), out.size(), from == 'a');
    return;
  }
  out.reserve(text.size());
  for (size_t at = 0, size = 0; at < text.size(); at += size) {
    const char32_t cp = decode(text, at, size);
    if (cp == kReplacement && size == 1 && static_cast<unsigned char>(text[at]) >= 0x80) {
      out += "\xEF\xBF\xBD";  // Go maps an invalid byte to U+FFFD too
      continue;
    }
    append(out, map(cp));
  }
}

}  // namespace

void ascii_case_in_place(char* text, size_t size, bool to_upper) {
  const unsigned char first = to_upper ? 'a' : 'A';
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word = swar::load8(text + i);
    // The letters among the ASCII bytes (a byte >= 0x80 is masked to ASCII for the test, then
    // left out).
    const uint64_t letters =
        swar::bytes_between(word & ~swar::kHigh, first, static_cast<uint8_t>(first + 25)) & ~word;
    word ^= letters >> 2;  // 0x80 -> 0x20, the case bit
    std::memcpy(text + i, &word, 8);
  }
  for (; i < size; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= first && c < first + 26U) text[i] = static_cast<char>(c ^ 0x20U);
  }
}

void upper_to(std::string_view text, std::string& out) {
  map_chars(text, to_upper, 'a', out);
}
void lower_to(std::string_view text, std::string& out) {
  map_chars(text, to_lower, 'A', out);
}

std::string upper(std::string_view text) {
  std::string out;
  upper_to(text, out);
  return out;
}
std::string lower(std::string_view text) {
  std::string out;
  lower_to(text, out);
  return out;
}

}  // namespace sluice::expr::utf8
