#include "transforms/transform_chain.h"

#include <gtest/gtest.h>

#include <deque>

#include "unit/transforms/step_builders.h"

namespace sluice::transforms {
namespace {

using config::FieldType;

config::Pipeline pipeline_with(std::vector<config::Transform> transforms) {
  config::Pipeline p;
  p.pipeline_id = "unit-test";
  config::KafkaSource source;
  source.source_id = "s";
  source.schema_fields = {{"status", FieldType::String, "string"},
                          {"amount", FieldType::Float, "float"},
                          {"user.name", FieldType::String, "string"}};
  p.sources.push_back(source);
  p.transforms = std::move(transforms);
  return p;
}

using test::filter;

config::Transform stateless(std::vector<std::pair<std::string, std::string>> outputs,
                            std::string type = "string") {
  config::Transform t;
  t.type = config::TransformType::Stateless;
  t.source_id = "s";
  for (auto& [expression, name] : outputs)
    t.stateless.transforms.push_back({expression, name,
                                      type == "int"   ? FieldType::Int
                                      : type == "map" ? FieldType::Map
                                                      : FieldType::String,
                                      type});
  return t;
}

// A batch of rows (status, amount, user.name); a missing amount is nullopt. Payloads are kept
// by the test (`payloads_`) so make_rejected can copy them.
class ChainTest : public ::testing::Test {
 protected:
  Batch batch_of(
      const std::vector<std::tuple<std::string, std::optional<double>, std::string>>& rows) {
    Batch b(3);
    b.topics.push_back("t");
    for (size_t r = 0; r < rows.size(); ++r) {
      const auto& [status, amount, name] = rows[r];
      b.columns[0].cells.push_back(b.add_text(ValueKind::String, status));
      b.columns[1].cells.push_back(amount ? Cell::float64(*amount) : Cell::missing());
      b.columns[2].cells.push_back(b.add_text(ValueKind::String, name));
      RecordOrigin origin;
      origin.offset = Offset{static_cast<int64_t>(r)};
      b.origins.push_back(origin);
      const std::string& payload = payloads_.emplace_back("payload-" + std::to_string(r));
      b.payloads.push_back({payload.data(), payload.size()});
      b.keys.push_back({});
    }
    return b;
  }
  static std::vector<std::string> texts(const Batch& b, size_t column) {
    std::vector<std::string> out;
    for (const Cell& c : b.columns[column].cells) out.emplace_back(b.text(c));
    return out;
  }

  std::deque<std::string> payloads_;
};

TEST_F(ChainTest, FilterKeepsTrueRowsAndDeadLettersErrors) {
  auto chain = TransformChain::create(pipeline_with({filter("amount > 10 and status == 'paid'")}),
                                      pipeline_with({}).sources[0]);
  ASSERT_TRUE(chain.ok()) << chain.error().message();
  Batch b = batch_of({{"paid", 20, "ann"},
                      {"paid", 5, "bob"},
                      {"open", 50, "cid"},
                      {"paid", std::nullopt, "dan"},
                      {"paid", 11, "eve"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(texts(b, 2), (std::vector<std::string>{"ann", "eve"}));
  EXPECT_EQ(b.origins[1].offset.value, 4);
  EXPECT_EQ(b.payload(1), "payload-4");
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].reason, RejectReason::FilterFailed);
  EXPECT_EQ(b.rejected[0].payload, "payload-3");
  EXPECT_NE(b.rejected[0].detail.find("invalid operation: <nil> > int"), std::string::npos)
      << b.rejected[0].detail;
}

TEST_F(ChainTest, AFirstFilterTheDecoderKeptEveryRowForIsNotRunAgain) {
  auto p = pipeline_with({filter("amount > 10"), filter("status == 'paid'")});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  ASSERT_NE(chain->early_filter(), nullptr);
  // AllKept says the decoder's early filter found `amount > 10` true for every row, so the
  // step is skipped (the 5 would not have reached here); the second filter still runs.
  Batch b = batch_of({{"paid", 20, "a"}, {"paid", 5, "b"}, {"open", 30, "c"}});
  b.prefilter = Batch::Prefilter::AllKept;
  chain->apply(b);
  EXPECT_EQ(texts(b, 2), (std::vector<std::string>{"a", "b"}));
  // With a row it could not decide, the step runs and decides every row.
  b = batch_of({{"paid", 20, "a"}, {"paid", std::nullopt, "b"}, {"paid", 5, "c"}});
  b.prefilter = Batch::Prefilter::SomeUndecided;
  chain->apply(b);
  EXPECT_EQ(texts(b, 2), (std::vector<std::string>{"a"}));
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].reason, RejectReason::FilterFailed);
}

TEST_F(ChainTest, NonBoolFilterResultIsDeadLettered) {
  auto chain =
      TransformChain::create(pipeline_with({filter("status")}), pipeline_with({}).sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"paid", 1, "a"}});
  chain->apply(b);
  EXPECT_EQ(b.rows(), 0u);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_NE(b.rejected[0].detail.find("gave string (paid), not a bool"), std::string::npos)
      << b.rejected[0].detail;
}

TEST_F(ChainTest, StatelessOutputsBecomeTheOnlyFieldsAndNestedNamesAreMaps) {
  auto p = pipeline_with({stateless({{"upper(user.name)", "who"}, {"status + '!'", "status"}}),
                          filter("who != 'BOB'")});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok()) << chain.error().message();
  // Columns: the 3 source fields (hidden names), then the 2 outputs.
  const auto& fields = chain->column_fields();
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_NE(fields[0].name, "status");
  EXPECT_EQ(fields[3].name, "who");
  EXPECT_EQ(fields[4].name, "status");
  Batch b = batch_of({{"a", 1, "ann"}, {"b", 2, "bob"}, {"c", 3, "cid"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(texts(b, 3), (std::vector<std::string>{"ANN", "CID"}));
  EXPECT_EQ(texts(b, 4), (std::vector<std::string>{"a!", "c!"}));
  EXPECT_TRUE(b.rejected.empty());
}

TEST_F(ChainTest, StatelessCastFailureDeadLettersTheRow) {
  auto p = pipeline_with({stateless({{"status", "n"}}, "int")});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"12", 1, "a"}, {"x", 2, "b"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 1u);
  EXPECT_EQ(b.columns[3].cells[0].kind, ValueKind::Int);
  EXPECT_EQ(b.columns[3].cells[0].i, 12);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].reason, RejectReason::TransformFailed);
  EXPECT_EQ(b.rejected[0].detail,
            "stateless transformation \"n\": unable to cast x of type string to int");
}

// Outputs are computed column by column: rows failing at different outputs are dead-lettered
// in row order, each with its first failing output, and the kept rows' outputs stay aligned.
TEST_F(ChainTest, StatelessFailuresAtDifferentOutputsKeepRowOrder) {
  config::Transform t = stateless({{"status", "n1"}, {"user.name", "n2"}}, "int");
  t.stateless.transforms.push_back({"upper(status)", "s", FieldType::String, "string"});
  auto p = pipeline_with({t});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"1", 1, "y"}, {"x", 2, "3"}, {"4", 3, "5"}, {"z", 4, "w"}, {"6", 5, "7"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.columns[3].cells[0].i, 4);
  EXPECT_EQ(b.columns[4].cells[0].i, 5);
  EXPECT_EQ(b.columns[3].cells[1].i, 6);
  EXPECT_EQ(b.columns[4].cells[1].i, 7);
  EXPECT_EQ(texts(b, 5), (std::vector<std::string>{"4", "6"}));
  ASSERT_EQ(b.rejected.size(), 3u);
  EXPECT_EQ(b.rejected[0].detail,
            "stateless transformation \"n2\": unable to cast y of type string to int");
  EXPECT_EQ(b.rejected[1].detail,
            "stateless transformation \"n1\": unable to cast x of type string to int");
  EXPECT_EQ(b.rejected[2].detail,
            "stateless transformation \"n1\": unable to cast z of type string to int");
  EXPECT_EQ(b.rejected[0].payload, "payload-0");
  EXPECT_EQ(b.rejected[1].payload, "payload-1");
  EXPECT_EQ(b.rejected[2].payload, "payload-3");
}

TEST_F(ChainTest, RecycledBatchesKeepTheirLayout) {
  auto p = pipeline_with({stateless({{"status", "s"}})});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"a", 1, "x"}});
  chain->apply(b);
  EXPECT_EQ(b.columns.size(), 4u);
  b.reset();
  EXPECT_EQ(b.columns.size(), 4u);
  EXPECT_TRUE(b.columns[3].cells.empty());
}

// An expression that is only a field's name copies the cell (same bytes, no evaluation) when
// the output_type's cast would not change it, and casts otherwise.
TEST_F(ChainTest, PassThroughCopiesCellsUnlessTheCastChangesThem) {
  auto p = pipeline_with({stateless({{"status", "s"}, {" amount ", "a"}})});
  config::Transform map_output = stateless({{"user", "u"}}, "map");
  p.transforms[0].stateless.transforms.push_back(map_output.stateless.transforms[0]);
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"paid", 1500000.0, "ann"}});
  const Cell status = b.columns[0].cells[0];
  chain->apply(b);
  ASSERT_EQ(b.rows(), 1u);
  EXPECT_EQ(b.columns[3].cells[0].ref, status.ref) << "the same bytes, not a copy";
  EXPECT_EQ(texts(b, 4), std::vector<std::string>{"1500000"}) << "float cast to string";
  // `user` is the parent of the dotted field: a map (output_type "map" keeps it), as JSON text.
  EXPECT_EQ(b.columns[5].cells[0].kind, ValueKind::Object);
  EXPECT_EQ(texts(b, 5), std::vector<std::string>{R"({"name":"ann"})"});
}

// A pass-through whose input column no later output of its step reads takes that column over
// (cells and texts), instead of copying its cells; one that a later output reads, or whose cells
// the output's cast changes, copies or casts; a second batch through the chain the same.
TEST_F(ChainTest, APassThroughTakesOverAColumnThatNothingLaterReads) {
  auto p = pipeline_with({stateless(
      {{"status", "first"}, {"upper(status)", "loud"}, {"status", "again"}, {"amount", "a"}})});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  for (int round = 0; round < 2; ++round) {
    const std::string suffix = round == 0 ? "" : "-2";
    Batch b = batch_of({{"paid" + suffix, 12.5, "ann"}, {"new" + suffix, 3, "bob"}});
    chain->apply(b);
    ASSERT_EQ(b.rows(), 2u);
    EXPECT_EQ(texts(b, 3), (std::vector<std::string>{"paid" + suffix, "new" + suffix}));
    EXPECT_EQ(texts(b, 5), texts(b, 3));
    EXPECT_EQ(texts(b, 6), (std::vector<std::string>{"12.5", "3"}));
    EXPECT_TRUE(b.columns[0].cells.empty()) << "status became \"again\"";
    EXPECT_EQ(b.columns[1].cells.size(), 2u) << "amount is cast, not taken";
    EXPECT_EQ(b.columns[3].cells[0].ref, b.columns[5].cells[0].ref) << "the same bytes";
  }
}

TEST_F(ChainTest, ATakenOverColumnDropsTheRowsAnEarlierOutputFailed) {
  config::Transform t = stateless({{"status", "n"}}, "int");
  t.stateless.transforms.push_back({"status", "s", FieldType::String, "string"});
  auto p = pipeline_with({t});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  Batch b = batch_of({{"12", 1, "a"}, {"x", 2, "b"}, {"7", 3, "c"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.columns[3].cells[0].i, 12);
  EXPECT_EQ(b.columns[3].cells[1].i, 7);
  EXPECT_EQ(texts(b, 4), (std::vector<std::string>{"12", "7"}));
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].payload, "payload-1");
}

// Outputs of TextProgram's shapes run on the cells' bytes; a row it declines (a non-string
// input, an index out of range) goes through the evaluator, with its results and messages.
TEST_F(ChainTest, TextShapesFallBackToTheEvaluatorRowByRow) {
  auto p = pipeline_with(
      {stateless({{"lower(split(status, '@')[1])", "domain"}, {"upper(amount) + '!'", "loud"}})});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok()) << chain.error().message();
  Batch b = batch_of({{"x@EX.com", 20.5, "a"}, {"noat", 1, "b"}, {"y@B@c", std::nullopt, "c"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(texts(b, 3), (std::vector<std::string>{"ex.com", "b"}));
  EXPECT_EQ(texts(b, 4), (std::vector<std::string>{"20.5!", "!"}));  // float and nil: evaluator
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].payload, "payload-1");
  EXPECT_NE(b.rejected[0].detail.find("index out of range: 1 (array length is 1)"),
            std::string::npos)
      << b.rejected[0].detail;
}

// A NumberProgram output reads the number cells directly; a row whose input is not a number
// goes through the evaluator (here: nil * int fails and the row is dead-lettered).
TEST_F(ChainTest, NumberShapesFallBackToTheEvaluatorRowByRow) {
  auto p = pipeline_with({stateless({{"int(round(amount * 100))", "cents"}}, "int")});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok()) << chain.error().message();
  Batch b = batch_of({{"a", 20.455, "x"}, {"b", std::nullopt, "y"}, {"c", -0.125, "z"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.columns[3].cells[0].kind, ValueKind::Int);
  EXPECT_EQ(b.columns[3].cells[0].i, 2045);  // 20.455 * 100 is 2045.4999...
  EXPECT_EQ(b.columns[3].cells[1].i, -13);   // half away from zero
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].payload, "payload-1");
  EXPECT_NE(b.rejected[0].detail.find("invalid operation: <nil> * int"), std::string::npos)
      << b.rejected[0].detail;
}

// A number result the output's type keeps is its cell as it is; one it casts is converted
// (a float to an int truncates, an int to a string is its digits).
TEST_F(ChainTest, NumberResultsAreCastByTheOutputType) {
  auto p = pipeline_with({stateless({{"amount * 2", "doubled"}}, "int")});
  config::Transform as_text = stateless({{"int(amount) + 1", "next"}});
  p.transforms[0].stateless.transforms.push_back(as_text.stateless.transforms[0]);
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok()) << chain.error().message();
  Batch b = batch_of({{"a", 20.75, "x"}, {"b", -3.5, "y"}});
  chain->apply(b);
  ASSERT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.columns[3].cells[0].kind, ValueKind::Int);
  EXPECT_EQ(b.columns[3].cells[0].i, 41);  // 41.5 truncated
  EXPECT_EQ(b.columns[3].cells[1].i, -7);
  EXPECT_EQ(texts(b, 4), (std::vector<std::string>{"21", "-2"}));
}

TEST(TransformChainCreate, NoStepsMeansEmpty) {
  auto p = pipeline_with({});
  auto chain = TransformChain::create(p, p.sources[0]);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->empty());
  EXPECT_FALSE(chain->stateful());
  EXPECT_EQ(chain->column_fields(), p.sources[0].schema_fields) << "the sink's fields unchanged";
}

}  // namespace
}  // namespace sluice::transforms
