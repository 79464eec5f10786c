#include "transforms/join_state_entries.h"

#include <charconv>
#include <cstdio>

#include "base/bytes.h"

namespace sluice::transforms::join_entries {
namespace {

void append_hex(uint64_t v, std::string& out) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(v));
  out.append(hex, 16);
}

bool parse_hex(std::string_view hex, uint64_t& v) {
  return hex.size() == 16 &&
         std::from_chars(hex.data(), hex.data() + hex.size(), v, 16).ec == std::errc();
}

}  // namespace

std::string numbered_key(std::string_view prefix, uint64_t seq) {
  std::string key(prefix);
  append_hex(seq, key);
  return key;
}

bool key_number(std::string_view key, std::string_view prefix, uint64_t& seq) {
  return key.substr(0, prefix.size()) == prefix && parse_hex(key.substr(prefix.size()), seq);
}

std::string done_key(uint64_t segment, uint64_t seq) {
  std::string key(kLeftDonePrefix);
  append_hex(segment, key);
  key.push_back('/');
  append_hex(seq, key);
  return key;
}

bool parse_done_key(std::string_view key, uint64_t& segment, uint64_t& seq) {
  if (key.substr(0, kLeftDonePrefix.size()) != kLeftDonePrefix) return false;
  key.remove_prefix(kLeftDonePrefix.size());
  return key.size() == 33 && key[16] == '/' && parse_hex(key.substr(0, 16), segment) &&
         parse_hex(key.substr(17), seq);
}

}  // namespace sluice::transforms::join_entries
