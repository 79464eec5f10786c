#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace sluice {

// LEB128 unsigned varints as used by ClickHouse (VarUInt) and protobuf.
inline void append_varuint(std::string& out, uint64_t value) {
  char buf[10];
  size_t n = 0;
  while (value >= 0x80) {
    buf[n++] = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  out.append(buf, n);
}

// Reads a varint from [data, data+size). Returns bytes consumed, or 0 if the input ends
// before the varint does or the varint is longer than 10 bytes.
inline size_t read_varuint(const char* data, size_t size, uint64_t& value) {
  uint64_t result = 0;
  for (size_t i = 0; i < size && i < 10; ++i) {
    uint8_t byte = static_cast<uint8_t>(data[i]);
    result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      value = result;
      return i + 1;
    }
  }
  return 0;
}

// A length-prefixed string: VarUInt byte count, then the bytes.
inline void append_binary_string(std::string& out, std::string_view s) {
  append_varuint(out, s.size());
  out.append(s.data(), s.size());
}

// Fixed-width little-endian value (x86_64 and aarch64 are little-endian).
template <typename T>
inline void append_fixed(std::string& out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out.append(buf, sizeof(T));
}

}  // namespace sluice
