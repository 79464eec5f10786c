// Cells of a batch through a blob (encode_cells/decode_cells) and copied between columns
// (copy_column): the same values, with texts and array elements owned by the target column.
#include "transforms/cell_blob.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::transforms {
namespace {

// Column 0: a string, an int, null, a nested array [["a","b"],[]] and an object per row.
Batch sample() {
  Batch b(2);
  Column& c = b.columns[0];
  Column& outer = c.element_column();
  Column& inner = outer.element_column();
  inner.cells.push_back(b.add_text(ValueKind::String, "a"));
  inner.cells.push_back(b.add_text(ValueKind::String, "b"));
  outer.cells.push_back(Cell::array(0, 2));
  outer.cells.push_back(Cell::array(2, 0));
  c.cells = {b.add_text(ValueKind::String, "text"), Cell::int64(-7), Cell::null(),
             Cell::array(0, 2), b.add_text(ValueKind::Object, R"({"k":1})")};
  b.origins.resize(c.cells.size());
  return b;
}

// A cell as text, recursing into arrays.
std::string show(const Column& column, const Cell& cell) {
  switch (cell.kind) {
    case ValueKind::String:
    case ValueKind::Object:
      return std::string(cell.text());
    case ValueKind::Int:
      return std::to_string(cell.i);
    case ValueKind::Null:
      return "null";
    case ValueKind::Array: {
      std::string s = "[";
      for (uint32_t i = 0; i < cell.len; ++i)
        s += (i ? "," : "") + show(*column.elements, column.elements->cells[cell.ref + i]);
      return s + "]";
    }
    default:
      return "?";
  }
}

std::vector<std::string> shown(const Column& column) {
  std::vector<std::string> out;
  for (const Cell& cell : column.cells) out.push_back(show(column, cell));
  return out;
}

const std::vector<std::string> kShown = {"text", "-7", "null", "[[a,b],[]]", R"({"k":1})"};

TEST(CellBlob, EncodeThenDecodeGivesTheSameCells) {
  Batch b = sample();
  for (size_t row = 0; row < b.rows(); ++row) {
    std::string blob;
    encode_cells(b, row, {0}, blob);
    ASSERT_TRUE(decode_cells(b, blob, {1}));
  }
  EXPECT_EQ(shown(b.columns[1]), kShown);
  EXPECT_FALSE(decode_cells(b, std::string_view("\x06\x01", 2), {1})) << "a cut string";
}

TEST(CellBlob, TextsOfEveryShortLengthDecodeByteForByte) {
  // decode_cells copies short texts in fixed-size pieces: every length up to past 32, with the
  // texts written back to back into the target's arena (a piece must not spill into the last).
  Batch b(2);
  std::vector<std::string> texts;
  for (size_t n = 0; n <= 40; ++n) {
    std::string text;
    for (size_t i = 0; i < n; ++i) text.push_back(static_cast<char>('a' + (n + i) % 26));
    texts.push_back(text);
    b.columns[0].cells.push_back(b.add_text(ValueKind::String, text));
  }
  b.origins.resize(texts.size());
  for (size_t row = 0; row < b.rows(); ++row) {
    std::string blob;
    encode_cells(b, row, {0}, blob);
    ASSERT_TRUE(decode_cells(b, blob, {1}));
  }
  EXPECT_EQ(shown(b.columns[1]), texts);
}

TEST(CellBlob, CopyColumnGivesTheSameCellsOwnedByTheTarget) {
  Batch b = sample();
  b.columns[1].cells.push_back(Cell::int64(1));  // an earlier cell stays first
  b.columns[1].element_column().element_column().cells.push_back(Cell::int64(9));
  b.origins.resize(5);
  copy_column(b, 0, 1);
  std::vector<std::string> expected = {"1"};
  expected.insert(expected.end(), kShown.begin(), kShown.end());
  EXPECT_EQ(shown(b.columns[1]), expected);
  const Cell& text = b.columns[1].cells[1];
  EXPECT_NE(text.text().data(), b.columns[0].cells[0].text().data()) << "a copy, not a reference";
}

}  // namespace
}  // namespace sluice::transforms
