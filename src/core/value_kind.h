#pragma once

#include <cstdint>
#include <string_view>

namespace sluice {

// The kind of one decoded JSON value, as stored in a Cell.
enum class ValueKind : uint8_t {
  Missing,  // the field was not in the message
  Null,     // JSON null
  Bool,
  Int,     // integer that fits int64
  UInt,    // integer above INT64_MAX that fits uint64
  Float,   // any other JSON number (fraction, exponent, or out of 64-bit range)
  String,  // unescaped text, bytes in the Batch's string arena
  Array,   // elements in the Column's element column
  Object,  // the object's JSON text, bytes in the Batch's string arena
};

std::string_view value_kind_name(ValueKind kind);

// A set of kinds as bits (bit n: ValueKind n): `kind`'s bit, and whether `kinds` holds `kind`.
constexpr uint32_t kind_bit(ValueKind kind) {
  return 1u << static_cast<unsigned>(kind);
}
constexpr bool has_kind(uint32_t kinds, ValueKind kind) {
  return (kinds & kind_bit(kind)) != 0;
}

}  // namespace sluice
