#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace sluice::gen {

// Minimal append-only JSON writing for generated events. Strings passed to append_raw_string
// must not need escaping; the generator controls its own text, and escapes are added on purpose
// (see W1's messages) where a workload wants them.
inline void append_key(std::string& out, std::string_view key) {
  out += '"';
  out += key;
  out += "\":";
}

inline void append_raw_string(std::string& out, std::string_view value) {
  out += '"';
  out += value;
  out += '"';
}

inline void append_int(std::string& out, int64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, static_cast<size_t>(end - buf));
}

inline void append_hex(std::string& out, uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out += kHex[(value >> (i * 4)) & 0xF];
}

// Fixed-width zero-padded decimal.
inline void append_padded(std::string& out, uint64_t value, int digits) {
  char buf[20];
  for (int i = digits - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<size_t>(digits));
}

// Canonical 8-4-4-4-12 form of a 128-bit value.
inline void append_uuid(std::string& out, uint64_t hi, uint64_t lo) {
  out += '"';
  append_hex(out, hi >> 32, 8);
  out += '-';
  append_hex(out, (hi >> 16) & 0xFFFF, 4);
  out += '-';
  append_hex(out, hi & 0xFFFF, 4);
  out += '-';
  append_hex(out, lo >> 48, 4);
  out += '-';
  append_hex(out, lo & 0xFFFFFFFFFFFFull, 12);
  out += '"';
}

// `micros` since the Unix epoch as RFC 3339 UTC with microseconds: 2026-02-16T17:57:04.572864
// (the caller appends "Z" or not).
void append_timestamp(std::string& out, int64_t micros);

}  // namespace sluice::gen
