#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "native/column_encoder.h"
#include "native/encoder_factory.h"
#include "native/type_parser.h"

namespace sluice::native::testing {

// Lower-case hex with no separators.
inline std::string hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xf];
  }
  return out;
}

// Expected bytes written as hex with any spaces and "|" separators: "01 00 | 02 61 62".
inline std::string norm(std::string_view expected) {
  std::string out;
  for (char c : expected) {
    if (c == ' ' || c == '|' || c == '\n') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Builds a Batch row by row.
class BatchBuilder {
 public:
  explicit BatchBuilder(size_t fields = 1) : batch(fields) {}

  Cell str(std::string_view s) { return batch.add_text(ValueKind::String, s); }
  Cell obj(std::string_view s) { return batch.add_text(ValueKind::Object, s); }
  // An Array cell of `column` whose elements go into column's element column.
  static Cell arr(Column& column, const std::vector<Cell>& elements) {
    Column& el = column.element_column();
    const uint64_t first = el.cells.size();
    el.cells.insert(el.cells.end(), elements.begin(), elements.end());
    return Cell::array(first, static_cast<uint32_t>(elements.size()));
  }
  void row(const std::vector<Cell>& cells) {
    for (size_t f = 0; f < cells.size(); ++f) batch.columns[f].cells.push_back(cells[f]);
    batch.origins.push_back(RecordOrigin{});
  }
  std::vector<uint32_t> all_rows() const {
    std::vector<uint32_t> rows;
    for (uint32_t r = 0; r < batch.columns[0].cells.size(); ++r) rows.push_back(r);
    return rows;
  }

  Batch batch;
};

struct ColumnOutput {
  std::string hex;
  std::vector<EncodeFailure> failures;
};

// Encodes field `field` of every row of `b` as `type` (prefix then body) with a fresh encoder.
inline ColumnOutput encode_column(const std::string& type, const BatchBuilder& b,
                                  size_t field = 0) {
  Result<TypeDesc> desc = parse_type(type);
  EXPECT_TRUE(desc.ok()) << desc.error().message();
  Result<std::unique_ptr<ColumnEncoder>> encoder = make_encoder(desc.value());
  EXPECT_TRUE(encoder.ok()) << encoder.error().message();
  std::vector<uint32_t> rows = b.all_rows();
  ColumnOutput out;
  std::string bytes;
  encoder.value()->write_prefix(bytes);
  encoder.value()->write_body(ColumnSlice{b.batch, b.batch.columns[field], rows}, bytes,
                              out.failures);
  out.hex = hex(bytes);
  return out;
}

// One cell into `type`: the bytes, expecting success.
inline std::string encode_one(const std::string& type, BatchBuilder& b, Cell cell) {
  b.row({cell});
  ColumnOutput out = encode_column(type, b);
  EXPECT_TRUE(out.failures.empty()) << type << ": " << out.failures[0].detail;
  return out.hex;
}

// One cell into `type`: the failure detail, expecting exactly one failure ("" if none).
inline std::string fail_one(const std::string& type, BatchBuilder& b, Cell cell) {
  b.row({cell});
  ColumnOutput out = encode_column(type, b);
  if (out.failures.size() != 1) return "";
  return out.failures[0].detail;
}

}  // namespace sluice::native::testing
