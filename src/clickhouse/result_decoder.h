#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "clickhouse/column_type.h"
#include "clickhouse/wire_reader.h"

namespace sluice::clickhouse {

struct ColumnHeader {
  std::string name;
  std::string type;
  friend bool operator==(const ColumnHeader&, const ColumnHeader&) = default;
};

// One decoded block: values in the text form clickhouse-client prints in TSV (without TSV
// escaping: a String is its raw bytes); std::nullopt is NULL. values[c][r] is column c, row r.
struct DecodedBlock {
  std::vector<ColumnHeader> columns;
  size_t rows = 0;
  std::vector<std::vector<std::optional<std::string>>> values;
};

// Decodes Native blocks as the server sends them over TCP (BlockInfo first). Supported types:
// see ColumnType. Failures are Protocol errors (or the reader's transport errors); the stream
// position is then unknown. Stateless apart from the revision; one thread at a time.
class ResultDecoder {
 public:
  // `revision` is the negotiated protocol revision; it selects block layout details and the
  // 18.16 LowCardinality quirk.
  explicit ResultDecoder(uint64_t revision) : revision_(revision) {}

  // Blocks of the Native *format* (HTTP, files) have no BlockInfo; TCP blocks do (default).
  void set_block_info(bool present) { block_info_ = present; }

  // Reads one block. With `decode_values` false, column data is still consumed (it must be, to
  // stay in sync) but `out.values` stays empty.
  Status read_block(WireReader& in, DecodedBlock& out, bool decode_values = true) const;

 private:
  using Values = std::vector<std::optional<std::string>>;

  Status read_prefix(const ColumnType& type, WireReader& in) const;
  Status read_values(const ColumnType& type, WireReader& in, size_t n, Values& out) const;
  Status read_array(const ColumnType& type, WireReader& in, size_t n, Values& out) const;
  Status read_tuple(const ColumnType& type, WireReader& in, size_t n, Values& out) const;
  Status read_low_cardinality(const ColumnType& type, WireReader& in, size_t n, Values& out) const;

  uint64_t revision_;
  bool block_info_ = true;
};

}  // namespace sluice::clickhouse
