#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sluice::native {

// The ClickHouse type families the parser understands. Whether an encoder exists for a
// kind is a separate question (see encoder_factory.h).
enum class TypeKind : uint8_t {
  String,
  FixedString,
  Int8,
  Int16,
  Int32,
  Int64,
  Int128,
  Int256,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  UInt128,
  UInt256,
  Float32,
  Float64,
  Decimal,
  Bool,
  Date,
  Date32,
  DateTime,
  DateTime64,
  UUID,
  IPv4,
  IPv6,
  Enum8,
  Enum16,
  LowCardinality,
  Nullable,
  Array,
  Map,
  Tuple,
};

struct EnumValue {
  std::string name;
  int16_t value = 0;
};

// A parsed ClickHouse type. Only the members that belong to `kind` are meaningful.
struct TypeDesc {
  TypeKind kind = TypeKind::String;
  uint32_t length = 0;                 // FixedString(N): N
  uint32_t precision = 0;              // Decimal: P (Decimal32(S) is P = 9, ...); DateTime64: p
  uint32_t scale = 0;                  // Decimal: S
  std::string timezone;                // DateTime('tz') / DateTime64(p, 'tz'); empty when absent
  std::vector<EnumValue> enum_values;  // Enum8/16, in declaration order
  std::vector<std::string> element_names;  // Tuple: empty when unnamed, else one per child
  std::vector<TypeDesc> children;          // Nullable/Array/LowCardinality: 1; Map: 2; Tuple: n
  std::string name;                        // canonical text, e.g. "Decimal(18, 4)"
};

}  // namespace sluice::native
