#include "transforms/early_filter.h"

#include <gtest/gtest.h>

#include "transforms/transform_chain.h"
#include "unit/transforms/step_builders.h"

namespace sluice::transforms {
namespace {

using config::FieldType;

const std::vector<config::SchemaField> kFields = {{"status", FieldType::String, "string"},
                                                  {"amount", FieldType::Float, "float"},
                                                  {"tags", FieldType::Array, "array"},
                                                  {"user.name", FieldType::String, "string"}};

std::unique_ptr<EarlyFilter> early(const std::string& source) {
  auto program = expr::compile(source);
  EXPECT_TRUE(program.ok()) << source;
  return EarlyFilter::create(std::move(program).value(), kFields);
}

std::vector<Cell> row(std::string_view status, std::optional<double> amount) {
  return {Cell::text(ValueKind::String, status.data(), static_cast<uint32_t>(status.size())),
          amount ? Cell::float64(*amount) : Cell::missing(), Cell::missing(), Cell::missing()};
}

TEST(EarlyFilter, DropsOnlyWhatTheExpressionSaysFalseFor) {
  using Verdict = RowFilter::Verdict;
  auto f = early("amount > 10 and status == 'paid'");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->decide(row("paid", 20)), Verdict::Keep);
  EXPECT_EQ(f->decide(row("paid", 5)), Verdict::Drop);
  EXPECT_EQ(f->decide(row("open", 50)), Verdict::Drop);
  // An evaluation error (nil > 10) is kept undecided: the chain's filter step dead-letters it.
  EXPECT_EQ(f->decide(row("paid", std::nullopt)), Verdict::Undecided);
  // A non-bool result likewise; an unknown name reads nil.
  EXPECT_EQ(early("amount")->decide(row("paid", 5)), Verdict::Undecided);
  EXPECT_EQ(early("nosuch != nil")->decide(row("paid", 5)), Verdict::Drop);
  EXPECT_EQ(early("nosuch == nil")->decide(row("paid", 5)), Verdict::Keep);
}

TEST(EarlyFilter, LeavesWhatCellsCannotBindToTheChain) {
  EXPECT_EQ(early("len(tags) > 0"), nullptr);          // array elements are not in the cells
  EXPECT_EQ(early("user.name == 'ann'"), nullptr);     // a map built from dotted fields
  EXPECT_EQ(early("$env.status == 'paid'"), nullptr);  // the whole record
}

config::Pipeline pipeline_with(std::vector<config::Transform> transforms) {
  config::Pipeline p;
  p.pipeline_id = "unit-test";
  config::KafkaSource source;
  source.source_id = "s";
  source.schema_fields = kFields;
  p.sources.push_back(source);
  p.transforms = std::move(transforms);
  return p;
}

TEST(EarlyFilter, OnlyAChainsFirstStep) {
  auto first = pipeline_with({test::filter("amount > 10")});
  auto chain = TransformChain::create(first, first.sources[0]);
  ASSERT_TRUE(chain.ok());
  EXPECT_NE(chain.value().early_filter(), nullptr);
  // After a dedup step the filter must not see the records dedup would have counted.
  auto second = pipeline_with({test::dedup_on("status"), test::filter("amount > 10")});
  chain = TransformChain::create(second, second.sources[0]);
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain.value().early_filter(), nullptr);
}

}  // namespace
}  // namespace sluice::transforms
