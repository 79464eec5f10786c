#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace sluice::clickhouse {

enum class TypeKind {
  Nothing,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Int8,
  Int16,
  Int32,
  Int64,
  Float32,
  Float64,
  String,
  FixedString,
  Date,
  DateTime,
  UUID,
  Decimal32,
  Decimal64,
  Decimal128,
  Enum8,
  Enum16,
  Nullable,
  Array,
  LowCardinality,
  Tuple,
};

// A parsed ClickHouse type name, enough to decode its Native column data.
struct ColumnType {
  TypeKind kind = TypeKind::Nothing;
  std::vector<ColumnType> args;  // Nullable, Array, LowCardinality: one; Tuple: its elements
  size_t fixed_size = 0;         // FixedString(N)
  uint32_t scale = 0;            // Decimal
  std::vector<std::pair<int64_t, std::string>> enum_values;  // code -> name

  // True for types whose values clickhouse-client quotes inside arrays and tuples.
  bool quoted_in_composite() const;
};

// Parses a type name as the server writes it in a block header, e.g.
// "Array(Nullable(String))", "DateTime('UTC')", "Decimal(18, 4)", "Enum8('a' = 1, 'b' = 2)".
// Types the decoder cannot handle are ErrorCode::Protocol naming the type. Pure function.
Result<ColumnType> parse_column_type(std::string_view text);

}  // namespace sluice::clickhouse
