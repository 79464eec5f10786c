#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// UTF-8 and Unicode character classes as Go's unicode package sees them (classes come from
// glibc's C.UTF-8 tables; ASCII-only when that locale is missing).
namespace sluice::expr::utf8 {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at text[at]; `size` gets its byte length (1 for an invalid byte, which
// decodes to U+FFFD as in Go).
char32_t decode(std::string_view text, size_t at, size_t& size);
void append(std::string& out, char32_t cp);
size_t count(std::string_view text);  // code points

bool is_space(char32_t cp);
bool is_letter(char32_t cp);
bool is_digit(char32_t cp);
char32_t to_upper(char32_t cp);
char32_t to_lower(char32_t cp);

std::string upper(std::string_view text);
std::string lower(std::string_view text);
// Flips the case of the ASCII letters 'A'..'Z' (to_upper: 'a'..'z') of `text` in place, eight
// bytes at a time; every other byte is left as it is.
void ascii_case_in_place(char* text, size_t size, bool to_upper);
// The same into `out` (replacing its contents, reusing its capacity).
void upper_to(std::string_view text, std::string& out);
void lower_to(std::string_view text, std::string& out);

}  // namespace sluice::expr::utf8
