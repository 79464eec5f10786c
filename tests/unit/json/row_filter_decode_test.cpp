#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "json/record_decoder.h"

namespace sluice::json {
namespace {

using config::FieldType;
using config::SchemaField;

// Drops the records whose field 0 is the text "drop", leaves those with "unsure" undecided and
// keeps the others; remembers the texts it was shown.
class DropNamed final : public RowFilter {
 public:
  Verdict decide(std::span<const Cell> cells) override {
    seen.emplace_back(cells[0].kind == ValueKind::String ? cells[0].text() : "?");
    if (seen.back() == "drop") return Verdict::Drop;
    return seen.back() == "unsure" ? Verdict::Undecided : Verdict::Keep;
  }
  std::vector<std::string> seen;
};

class RowFilterDecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    decoder_ = std::make_unique<RecordDecoder>(
        std::vector<SchemaField>{{"s", FieldType::String, "string"},
                                 {"o", FieldType::Map, "map"},
                                 {"tags", FieldType::Array, "array"}});
    ASSERT_TRUE(decoder_->set_row_filter(&filter_));
    batch_ = Batch(3);
    batch_.topics.push_back("t");
  }
  // Decodes from a buffer that is overwritten afterwards, as a retained message's bytes are
  // not, but the decoder's parse copy is.
  bool decode(const std::string& json, PayloadLifetime lifetime = PayloadLifetime::Copy) {
    payloads_.push_back(json);
    return decoder_->decode(batch_, payloads_.back(), "", RecordOrigin{}, lifetime);
  }
  std::string text(size_t field, size_t row) {
    return std::string(batch_.text(batch_.columns[field].cells.at(row)));
  }

  DropNamed filter_;
  std::unique_ptr<RecordDecoder> decoder_;
  Batch batch_;
  std::deque<std::string> payloads_;
};

TEST_F(RowFilterDecodeTest, DroppedRecordsAreCountedNotStored) {
  EXPECT_TRUE(decode(R"({"s":"keep","o":{"a":1},"tags":["x"]})"));
  EXPECT_FALSE(decode(R"({"s":"drop","o":{"a":2},"tags":["y"]})"));
  EXPECT_TRUE(decode(R"({"s":"k\u0065ep2","o":{"a":3},"tags":["z"]})"));
  EXPECT_EQ(filter_.seen, (std::vector<std::string>{"keep", "drop", "keep2"}));
  ASSERT_EQ(batch_.rows(), 2u);
  EXPECT_EQ(batch_.dropped, 1u);
  EXPECT_EQ(text(0, 0), "keep");
  EXPECT_EQ(text(0, 1), "keep2");  // unescaped, then copied
  EXPECT_EQ(text(1, 1), R"({"a":3})");
  const Column& tags = batch_.columns[2];
  EXPECT_EQ(batch_.text(tags.elements->cells[tags.cells[1].ref]), "z");
  // Kept texts are copies in their columns, contiguous as without a filter.
  EXPECT_EQ(batch_.text(batch_.columns[0].cells[1]).data(),
            batch_.text(batch_.columns[0].cells[0]).data() + 4);
  batch_.reset();
  EXPECT_EQ(batch_.dropped, 0u);
}

TEST_F(RowFilterDecodeTest, CopiedDropsTakeNoRoomAndKeptPayloadsAreCopies) {
  // Copy: a dropped record needs nothing after the call, not even room in the arena.
  EXPECT_FALSE(decode(R"({"s":"drop","o":{"a":2}})"));
  EXPECT_EQ(batch_.arena.size(), 0u);
  const std::string kept = R"({"s":"keep","o":{"a":1}})";
  EXPECT_TRUE(decode(kept));
  payloads_.back().assign(kept.size(), 'x');  // the caller's buffer, overwritten
  EXPECT_EQ(batch_.payload(0), kept);
  EXPECT_EQ(batch_.arena.size(), kept.size());  // the payload only (no key, no parse padding)
  EXPECT_EQ(batch_.retained_bytes, 0u);
}

TEST_F(RowFilterDecodeTest, RetainedDropsAskToBeKeptAndKeptTextsAreCopies) {
  // A dropped record's message is kept with the batch (released with the others).
  EXPECT_TRUE(decode(R"({"s":"drop"})", PayloadLifetime::Retained));
  EXPECT_TRUE(decode(R"({"s":"a-text-longer-than-one-copy-block-of-32-bytes"})",
                     PayloadLifetime::Retained));
  ASSERT_EQ(batch_.rows(), 1u);
  EXPECT_EQ(batch_.dropped, 1u);
  // Both messages are held until the batch is settled, so both count toward its size.
  EXPECT_EQ(batch_.retained_bytes,
            std::string_view(R"({"s":"drop"})").size() + payloads_.back().size());
  EXPECT_EQ(text(0, 0), "a-text-longer-than-one-copy-block-of-32-bytes");
  const std::string& payload = payloads_.back();
  const char* t = batch_.text(batch_.columns[0].cells[0]).data();
  EXPECT_FALSE(t >= payload.data() && t < payload.data() + payload.size());
}

TEST_F(RowFilterDecodeTest, PrefilterSaysWhetherEveryKeptRowWasDecided) {
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::None);
  EXPECT_FALSE(decode(R"({"s":"drop"})"));
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::None);  // no row kept yet
  EXPECT_TRUE(decode(R"({"s":"keep"})"));
  EXPECT_FALSE(decode(R"({"s":"drop"})"));
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::AllKept);
  EXPECT_TRUE(decode(R"({"s":"unsure"})"));
  EXPECT_TRUE(decode(R"({"s":"keep"})"));
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::SomeUndecided);
  EXPECT_EQ(batch_.rows(), 3u);
  batch_.reset();
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::None);
  EXPECT_TRUE(decode(R"({"s":"unsure"})"));
  EXPECT_EQ(batch_.prefilter, Batch::Prefilter::SomeUndecided);
}

TEST_F(RowFilterDecodeTest, InvalidRecordsAreRejectedBeforeTheFilter) {
  EXPECT_FALSE(decode(R"({"s":"drop","tags":{}})"));  // a type mismatch after the filter's field
  EXPECT_FALSE(decode(R"({"s":"drop",)"));
  EXPECT_EQ(batch_.rejected.size(), 2u);
  EXPECT_EQ(batch_.dropped, 0u);
  EXPECT_TRUE(filter_.seen.empty());
}

TEST(RowFilterDecode, NotTakenWhenAMapIsAlsoAParentOfDottedFields) {
  RecordDecoder decoder(
      {{"user", FieldType::Map, "map"}, {"user.name", FieldType::String, "string"}});
  DropNamed filter;
  EXPECT_FALSE(decoder.set_row_filter(&filter));
}

}  // namespace
}  // namespace sluice::json
