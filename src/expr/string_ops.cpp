#include "expr/string_ops.h"

#include <vector>

#include "expr/utf8.h"

namespace sluice::expr {

std::string trim_space(std::string_view s) {
  size_t start = 0, end = s.size();
  while (start < end) {
    size_t size = 0;
    if (!utf8::is_space(utf8::decode(s, start, size))) break;
    start += size;
  }
  while (end > start) {
    size_t back = end - 1;
    while (back > start && (static_cast<unsigned char>(s[back]) & 0xC0) == 0x80) --back;
    size_t size = 0;
    if (!utf8::is_space(utf8::decode(s, back, size))) break;
    end = back;
  }
  return std::string(s.substr(start, end - start));
}

std::string trim_chars(std::string_view s, std::string_view set) {
  std::vector<char32_t> cut;
  for (size_t at = 0, size = 0; at < set.size(); at += size)
    cut.push_back(utf8::decode(set, at, size));
  auto in_set = [&](char32_t cp) {
    for (char32_t c : cut) {
      if (c == cp) return true;
    }
    return false;
  };
  size_t start = 0, end = s.size();
  while (start < end) {
    size_t size = 0;
    if (!in_set(utf8::decode(s, start, size))) break;
    start += size;
  }
  while (end > start) {
    size_t back = end - 1;
    while (back > start && (static_cast<unsigned char>(s[back]) & 0xC0) == 0x80) --back;
    size_t size = 0;
    if (!in_set(utf8::decode(s, back, size))) break;
    end = back;
  }
  return std::string(s.substr(start, end - start));
}

Array split_string(std::string_view s, std::string_view sep, int64_t n, bool keep_separator) {
  Array out;
  if (n == 0) return out;
  if (sep.empty()) {
    for (size_t at = 0, size = 0; at < s.size(); at += size) {
      if (n > 0 && static_cast<int64_t>(out.size()) == n - 1) {
        out.emplace_back(s.substr(at));
        return out;
      }
      utf8::decode(s, at, size);
      out.emplace_back(s.substr(at, size));
    }
    return out;
  }
  size_t start = 0;
  while (n < 0 || static_cast<int64_t>(out.size()) < n - 1) {
    const size_t at = s.find(sep, start);
    if (at == std::string_view::npos) break;
    out.emplace_back(s.substr(start, at - start + (keep_separator ? sep.size() : 0)));
    start = at + sep.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

std::string replace_string(std::string_view s, std::string_view old_text, std::string_view new_text,
                           int64_t n) {
  std::string out;
  int64_t done = 0;
  if (old_text.empty()) {
    // Go inserts `new` before every UTF-8 sequence and at the end.
    size_t at = 0;
    while (n < 0 || done < n) {
      out += new_text;
      ++done;
      if (at >= s.size()) {
        at = s.size() + 1;
        break;
      }
      size_t size = 0;
      utf8::decode(s, at, size);
      out += s.substr(at, size);
      at += size;
    }
    if (at <= s.size()) out += s.substr(at);
    return out;
  }
  size_t start = 0;
  while (n < 0 || done < n) {
    const size_t at = s.find(old_text, start);
    if (at == std::string_view::npos) break;
    out += s.substr(start, at - start);
    out += new_text;
    start = at + old_text.size();
    ++done;
  }
  out += s.substr(start);
  return out;
}

}  // namespace sluice::expr
