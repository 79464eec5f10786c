#include "json/record_decoder.h"

#include <gtest/gtest.h>

namespace sluice::json {
namespace {

using config::FieldType;
using config::SchemaField;

SchemaField field(std::string name, FieldType type, std::string declared) {
  return SchemaField{std::move(name), type, std::move(declared)};
}

class RecordDecoderTest : public ::testing::Test {
 protected:
  void use(std::vector<SchemaField> fields) {
    decoder_ = std::make_unique<RecordDecoder>(fields);
    batch_ = Batch(fields.size());
    batch_.topics.push_back("t");
  }
  bool decode(std::string_view json) {
    RecordOrigin origin;
    origin.offset = Offset{next_offset_++};
    return decoder_->decode(batch_, json, "k", origin);
  }
  const Cell& cell(size_t field, size_t row = 0) { return batch_.columns[field].cells.at(row); }
  std::string text(size_t field, size_t row = 0) {
    return std::string(batch_.text(cell(field, row)));
  }

  std::unique_ptr<RecordDecoder> decoder_;
  Batch batch_;
  int64_t next_offset_ = 0;
};

TEST_F(RecordDecoderTest, UsesSimdKernelNotScalarFallback) {
#if defined(__x86_64__)
  EXPECT_NE(RecordDecoder::simd_kernel(), "fallback");
#endif
}

TEST_F(RecordDecoderTest, DecodesScalarKindsIntoColumns) {
  use({field("s", FieldType::String, "string"), field("i", FieldType::Int, "int"),
       field("u", FieldType::UInt, "uint64"), field("f", FieldType::Float, "float"),
       field("b", FieldType::Bool, "bool"), field("n", FieldType::String, "string"),
       field("absent", FieldType::Int, "int")});
  ASSERT_TRUE(decode(
      R"({"s":"h\u00e9\"llo","i":-42,"u":18446744073709551615,"f":2.5,"b":true,"n":null,"extra":{"x":[1,2]}})"));
  ASSERT_EQ(batch_.rows(), 1u);
  EXPECT_EQ(cell(0).kind, ValueKind::String);
  EXPECT_EQ(text(0), "h\xc3\xa9\"llo");
  EXPECT_EQ(cell(1).kind, ValueKind::Int);
  EXPECT_EQ(cell(1).i, -42);
  EXPECT_EQ(cell(2).kind, ValueKind::UInt);
  EXPECT_EQ(cell(2).u, 18446744073709551615ull);
  EXPECT_EQ(cell(3).kind, ValueKind::Float);
  EXPECT_DOUBLE_EQ(cell(3).f, 2.5);
  EXPECT_EQ(cell(4).kind, ValueKind::Bool);
  EXPECT_TRUE(cell(4).b);
  EXPECT_EQ(cell(5).kind, ValueKind::Null);
  EXPECT_EQ(cell(6).kind, ValueKind::Missing);
  EXPECT_EQ(batch_.key(0), "k");
  EXPECT_EQ(batch_.payload(0).substr(0, 5), R"({"s":)");
}

TEST_F(RecordDecoderTest, NestedDottedPathsAndLiteralKeyWins) {
  use({field("user.profile.name", FieldType::String, "string"),
       field("user.id", FieldType::Int, "int")});
  ASSERT_TRUE(decode(R"({"user":{"id":7,"profile":{"name":"nested"}}})"));
  EXPECT_EQ(text(0, 0), "nested");
  EXPECT_EQ(cell(1, 0).i, 7);
  // The literal top-level key wins whether it comes before or after the nested path.
  ASSERT_TRUE(decode(R"({"user.profile.name":"literal","user":{"profile":{"name":"nested"}}})"));
  EXPECT_EQ(text(0, 1), "literal");
  ASSERT_TRUE(decode(R"({"user":{"profile":{"name":"nested"}},"user.profile.name":"literal"})"));
  EXPECT_EQ(text(0, 2), "literal");
  // A path through a non-object is simply missing.
  ASSERT_TRUE(decode(R"({"user":"flat"})"));
  EXPECT_EQ(cell(0, 3).kind, ValueKind::Missing);
}

TEST_F(RecordDecoderTest, ArraysKeepElementsContiguousIncludingNested) {
  use({field("tags", FieldType::Array, "array"), field("m", FieldType::Array, "array")});
  ASSERT_TRUE(decode(R"({"tags":["a","b"],"m":[[1,2],[],[3]]})"));
  ASSERT_TRUE(decode(R"({"tags":[],"m":[[4]]})"));
  const Column& tags = batch_.columns[0];
  EXPECT_EQ(tags.cells[0].len, 2u);
  EXPECT_EQ(batch_.text(tags.elements->cells[tags.cells[0].ref]), "a");
  EXPECT_EQ(batch_.text(tags.elements->cells[tags.cells[0].ref + 1]), "b");
  EXPECT_EQ(tags.cells[1].len, 0u);
  const Column& m = batch_.columns[1];
  ASSERT_EQ(m.cells[0].len, 3u);
  const Column& inner = *m.elements;
  const Cell& first = inner.cells[m.cells[0].ref];
  EXPECT_EQ(first.len, 2u);
  EXPECT_EQ(inner.elements->cells[first.ref].i, 1);
  EXPECT_EQ(inner.elements->cells[first.ref + 1].i, 2);
  EXPECT_EQ(inner.cells[m.cells[0].ref + 1].len, 0u);
  const Cell& row2 = inner.cells[m.cells[1].ref];
  EXPECT_EQ(inner.elements->cells[row2.ref].i, 4);
}

TEST_F(RecordDecoderTest, MapFieldKeepsObjectText) {
  use({field("attrs", FieldType::Map, "map")});
  ASSERT_TRUE(decode(R"({"attrs": {"a": 1, "b": [true]} })"));
  EXPECT_EQ(cell(0).kind, ValueKind::Object);
  EXPECT_EQ(text(0), R"({"a": 1, "b": [true]})");
}

TEST_F(RecordDecoderTest, MapFieldWithNestedFieldsPointsIntoTheObjectText) {
  use({field("attrs", FieldType::Map, "map"), field("attrs.name", FieldType::String, "string"),
       field("attrs.n", FieldType::Int, "int")});
  ASSERT_TRUE(decode(R"({"attrs":{"name":"inner","n":3,"esc":"a\"b"}})"));
  ASSERT_TRUE(decode(R"({"attrs":{"n":4,"name":"second"}})"));
  EXPECT_EQ(text(0, 0), R"({"name":"inner","n":3,"esc":"a\"b"})");
  EXPECT_EQ(text(1, 0), "inner");
  EXPECT_EQ(cell(2, 0).i, 3);
  EXPECT_EQ(text(1, 1), "second");
}

TEST_F(RecordDecoderTest, CopiedPayloadOutlivesTheCallersBuffer) {
  use({field("s", FieldType::String, "string"), field("o", FieldType::Map, "map")});
  for (int i = 0; i < 3000; ++i) {  // enough to need several arena chunks
    std::string json = R"({"s":"value-)" + std::to_string(i) + R"(","o":{"k":)" +
                       std::to_string(i) + "}," + R"("pad":")" + std::string(900, 'p') + R"("})";
    ASSERT_TRUE(decode(json));
  }  // every caller's buffer is gone
  for (size_t row = 0; row < 3000; ++row) {
    ASSERT_EQ(text(0, row), "value-" + std::to_string(row));
    ASSERT_EQ(text(1, row), R"({"k":)" + std::to_string(row) + "}");
    ASSERT_EQ(batch_.payload(row), R"({"s":"value-)" + std::to_string(row) + R"(","o":{"k":)" +
                                       std::to_string(row) + "}," + R"("pad":")" +
                                       std::string(900, 'p') + R"("})");
  }
}

TEST_F(RecordDecoderTest, TextsAreCopiedIntoTheirColumnsInRowOrder) {
  use({field("s", FieldType::String, "string"), field("tags", FieldType::Array, "array")});
  ASSERT_TRUE(decode(R"({"s":"one","tags":["a","b"]})"));
  ASSERT_TRUE(decode(R"({"tags":["c"],"s":"t\u0077o"})"));
  // Contiguous per column, so an encoder reads a column sequentially.
  EXPECT_EQ(batch_.text(cell(0, 1)).data(), batch_.text(cell(0, 0)).data() + 3);
  EXPECT_EQ(text(0, 1), "two");
  const Column& tags = batch_.columns[1];
  EXPECT_EQ(batch_.text(tags.elements->cells[2]), "c");
  EXPECT_EQ(batch_.text(tags.elements->cells[2]).data(),
            batch_.text(tags.elements->cells[0]).data() + 2);
}

// The escape check reads words: a backslash at any place of strings of any length (and none)
// is found, and bytes after the string never count.
TEST_F(RecordDecoderTest, EscapesAreFoundAtEveryPositionOfEveryLength) {
  use({field("s", FieldType::String, "string"), field("e", FieldType::String, "string")});
  size_t row = 0;
  for (size_t n = 0; n < 40; ++n) {
    const std::string plain(n, 'x');
    // No backslash in "s", one right after it in "e".
    ASSERT_TRUE(decode("{\"s\":\"" + plain + "\",\"e\":\"\\n\"}")) << n;
    EXPECT_EQ(text(0, row), plain);
    EXPECT_EQ(text(1, row), "\n");
    ++row;
    for (size_t at = 0; at < n; ++at) {
      std::string json_text = plain;
      json_text.replace(at, 1, "\\t");
      std::string expected = plain;
      expected[at] = '\t';
      ASSERT_TRUE(decode("{\"s\":\"" + json_text + "\"}")) << n << " " << at;
      EXPECT_EQ(text(0, row), expected) << n << " " << at;
      ++row;
    }
  }
}

// One scan per document finds the backslashes of all its strings: strings before, between and
// after escapes (also in skipped values and in a map's nested walk) keep their own texts.
TEST_F(RecordDecoderTest, EscapesBetweenPlainStringsOfOneDocument) {
  use({field("a", FieldType::String, "string"), field("b", FieldType::String, "string"),
       field("c", FieldType::String, "string"), field("d", FieldType::String, "string"),
       field("m", FieldType::Map, "map"), field("m.x", FieldType::String, "string"),
       field("e", FieldType::String, "string")});
  ASSERT_TRUE(decode(R"({"a":"p1","b":"q\nr","skip":"s\\t","c":"plain","d":"w\"v",)"
                     R"("m":{"x":"in\/ner","y":"z"},"e":"end"})"));
  ASSERT_TRUE(decode(R"({"a":"p2","b":"clean","c":"c\u0041","d":"dd","m":{"x":"nx"},"e":"e\\"})"));
  ASSERT_TRUE(decode(R"({"skip":"\n","a":"p3","b":"b","c":"c","d":"d","e":"e"})"));
  EXPECT_EQ(text(0, 0), "p1");
  EXPECT_EQ(text(1, 0), "q\nr");
  EXPECT_EQ(text(2, 0), "plain");
  EXPECT_EQ(text(3, 0), "w\"v");
  EXPECT_EQ(text(5, 0), "in/ner");
  EXPECT_EQ(text(6, 0), "end");
  EXPECT_EQ(text(0, 1), "p2");
  EXPECT_EQ(text(1, 1), "clean");
  EXPECT_EQ(text(2, 1), "cA");
  EXPECT_EQ(text(3, 1), "dd");
  EXPECT_EQ(text(5, 1), "nx");
  EXPECT_EQ(text(6, 1), "e\\");
  EXPECT_EQ(text(0, 2), "p3");
  EXPECT_EQ(text(6, 2), "e");
  EXPECT_EQ(cell(4, 2).kind, ValueKind::Missing);  // cleared after the rows before it
}

TEST_F(RecordDecoderTest, RetainedPayloadIsReferredToNotCopied) {
  use({field("s", FieldType::String, "string"), field("e", FieldType::String, "string"),
       field("o", FieldType::Map, "map"), field("tags", FieldType::Array, "array")});
  const std::string json = R"({"s":"plain","e":"tab\there","o":{"a":1},"tags":["x","y"]})";
  const std::string key = "key-1";
  RecordOrigin origin;
  ASSERT_TRUE(decoder_->decode(batch_, json, key, origin, PayloadLifetime::Retained));
  const char* begin = json.data();
  const char* end = json.data() + json.size();
  auto inside = [&](std::string_view s) { return s.data() >= begin && s.data() + s.size() <= end; };
  // Texts are copies in their columns; only the payload and the key point into the message.
  EXPECT_EQ(text(0), "plain");
  EXPECT_FALSE(inside(batch_.text(cell(0))));
  EXPECT_EQ(text(1), "tab\there");
  EXPECT_EQ(text(2), R"({"a":1})");
  const Column& tags = batch_.columns[3];
  EXPECT_EQ(batch_.text(tags.elements->cells[tags.cells[0].ref + 1]), "y");
  EXPECT_EQ(batch_.payload(0).data(), json.data());
  EXPECT_EQ(batch_.key(0).data(), key.data());
  EXPECT_EQ(batch_.arena.size(), 0u);
  // The retained payload and the texts copied into the columns ("plain", "tab\there",
  // the map's text and the two tags).
  EXPECT_EQ(batch_.byte_size(), json.size() + 5 + 8 + 7 + 2);
  // A rejected record owns a copy whatever the lifetime.
  const std::string bad = R"({"s":1})";
  EXPECT_FALSE(decoder_->decode(batch_, bad, key, origin, PayloadLifetime::Retained));
  ASSERT_EQ(batch_.rejected.size(), 1u);
  EXPECT_EQ(batch_.rejected[0].payload, bad);
  EXPECT_NE(batch_.rejected[0].payload.data(), bad.data());
}

TEST_F(RecordDecoderTest, DateTimeAcceptsStringsAndNumbers) {
  use({field("ts", FieldType::DateTime, "datetime")});
  ASSERT_TRUE(decode(R"({"ts":"2026-01-01T00:00:00Z"})"));
  ASSERT_TRUE(decode(R"({"ts":1767225600})"));
  EXPECT_FALSE(decode(R"({"ts":true})"));
  EXPECT_EQ(batch_.rows(), 2u);
}

TEST_F(RecordDecoderTest, TypeMismatchIsRejectedWithFieldAndKinds) {
  use({field("id", FieldType::Int, "int64"), field("name", FieldType::String, "string")});
  EXPECT_FALSE(decode(R"({"id":"12","name":"x"})"));
  ASSERT_EQ(batch_.rejected.size(), 1u);
  EXPECT_EQ(batch_.rejected[0].reason, RejectReason::FieldTypeMismatch);
  EXPECT_EQ(batch_.rejected[0].detail, "field \"id\" (int64) expected a number, got string");
  EXPECT_EQ(batch_.rejected[0].payload, R"({"id":"12","name":"x"})");
  EXPECT_EQ(batch_.rejected[0].key, "k");
  EXPECT_EQ(batch_.rows(), 0u);
  EXPECT_EQ(batch_.columns[0].cells.size(), 0u);
}

TEST_F(RecordDecoderTest, MalformedMessagesAreRejectedNotRows) {
  use({field("a", FieldType::Int, "int")});
  struct Case {
    const char* json;
    RejectReason reason;
  };
  const Case cases[] = {
      {"", RejectReason::InvalidJson},
      {"{\"a\":1", RejectReason::InvalidJson},
      {"{\"a\":}", RejectReason::InvalidJson},
      {"not json", RejectReason::InvalidJson},
      {"[1,2]", RejectReason::NotAnObject},
      {"42", RejectReason::NotAnObject},
      {"{\"a\":1} trailing", RejectReason::InvalidJson},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(decode(c.json)) << c.json;
    ASSERT_FALSE(batch_.rejected.empty());
    EXPECT_EQ(batch_.rejected.back().reason, c.reason)
        << c.json << ": " << batch_.rejected.back().detail;
    EXPECT_EQ(batch_.rejected.back().payload, c.json);
    EXPECT_EQ(batch_.rejected.back().detail.find("No error"), std::string::npos)
        << batch_.rejected.back().detail;
  }
  EXPECT_EQ(batch_.rows(), 0u);
  EXPECT_TRUE(decode(R"({"a":1})"));
  EXPECT_EQ(batch_.rows(), 1u);
  EXPECT_EQ(batch_.payload(0), R"({"a":1})");
}

}  // namespace
}  // namespace sluice::json
