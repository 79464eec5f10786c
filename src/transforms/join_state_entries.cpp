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

void append_left(const WaitingLeft& left, std::string& out) {
  put_raw(out, left.seen_ms);
  put_raw(out, left.origin.topic);
  put_raw(out, left.origin.partition.value);
  put_raw(out, left.origin.offset.value);
  put_raw(out, left.origin.timestamp_ms);
  put_bytes(out, left.key);
  put_bytes(out, left.payload);
  put_bytes(out, left.kafka_key);
  out.append(left.cells);
}

bool decode_left(std::string_view value, WaitingLeft& left) {
  ByteReader in(value);
  std::string_view key, payload, kafka_key;
  if (!in.get(left.seen_ms) || !in.get(left.origin.topic) || !in.get(left.origin.partition.value) ||
      !in.get(left.origin.offset.value) || !in.get(left.origin.timestamp_ms) ||
      !in.get_bytes(key) || !in.get_bytes(payload) || !in.get_bytes(kafka_key))
    return false;
  left.key = key;
  left.payload = payload;
  left.kafka_key = kafka_key;
  left.cells = in.rest();
  return true;
}

}  // namespace sluice::transforms::join_entries
