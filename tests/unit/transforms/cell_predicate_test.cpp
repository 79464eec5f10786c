#include "transforms/cell_predicate.h"

#include <gtest/gtest.h>

#include "transforms/cell_values.h"

namespace sluice::transforms {
namespace {

using config::FieldType;
using Outcome = CellPredicate::Outcome;

const std::vector<config::SchemaField> kFields = {{"status", FieldType::String, "string"},
                                                  {"amount", FieldType::Float, "float"},
                                                  {"flag", FieldType::Bool, "bool"},
                                                  {"o", FieldType::Map, "map"}};

std::shared_ptr<const expr::Program> compiled(const std::string& source) {
  auto program = expr::compile(source);
  EXPECT_TRUE(program.ok()) << source;
  return std::move(program).value();
}

std::unique_ptr<CellPredicate> predicate(const expr::Program& program) {
  bool plain = false;
  auto sources = CellPredicate::plain_fields(program, kFields, plain);
  return plain ? CellPredicate::compile(program, sources) : nullptr;
}

Cell text(const std::string& s) {
  return Cell::text(ValueKind::String, s.data(), static_cast<uint32_t>(s.size()));
}

TEST(CellPredicate, CompilesOnlyFieldsComparedWithLiterals) {
  for (const char* yes : {"amount > 10 and status == 'paid'", "10 < amount", "not (flag == true)",
                          "status != nil or amount <= 2.5", "nosuch == 'x'", "!(amount >= 1)"})
    EXPECT_NE(predicate(*compiled(yes)), nullptr) << yes;
  for (const char* no : {"amount > 10 + 1", "amount > amount", "1 < amount < 5", "flag",
                         "status in ['a']", "len(status) > 2", "$env.amount > 1", "o.k == 1"})
    EXPECT_EQ(predicate(*compiled(no)), nullptr) << no;
}

// Whatever it decides is what the evaluator gives; Unknown only where it may differ.
TEST(CellPredicate, AgreesWithTheEvaluator) {
  const std::string paid = "paid", open = "open", obj = R"({"a":1})", abc = "abc";
  const std::vector<std::vector<Cell>> rows = {
      {text(paid), Cell::float64(20), Cell::boolean(true), Cell::missing()},
      {text(open), Cell::int64(5), Cell::boolean(false), Cell::null()},
      {Cell::null(), Cell::missing(), Cell::missing(),
       Cell::text(ValueKind::Object, obj.data(), 7)},
      {text(abc), Cell::uint64(10), Cell::null(), Cell::missing()},
      {Cell::float64(1), text(paid), Cell::boolean(true), Cell::missing()},
  };
  const std::vector<std::string> sources = {
      "amount > 10 and status == 'paid'",
      "amount > 10 or status == 'paid'",
      "10 <= amount",
      "status < 'b'",
      "status >= 'paid'",
      "amount == 10",
      "amount != 5.0",
      "flag == true and not (amount < 6)",
      "status == nil",
      "o == nil",
      "amount > 'x'",
      "status == 1",
      "nosuch == nil and amount > 0",
      "flag != false or amount > 100",
  };
  const Column no_elements;
  size_t decided = 0;
  for (const std::string& source : sources) {
    auto program = compiled(source);
    auto p = predicate(*program);
    ASSERT_NE(p, nullptr) << source;
    bool plain = false;
    auto fields = CellPredicate::plain_fields(*program, kFields, plain);
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<expr::Value> slots;
      for (int64_t f : fields)
        slots.push_back(f < 0 ? expr::Value()
                              : value_of_cell(no_elements, rows[r][static_cast<size_t>(f)]));
      auto result = program->run(expr::Env{slots, nullptr});
      const Outcome outcome = p->decide(rows[r]);
      if (outcome == Outcome::Unknown) continue;
      ++decided;
      ASSERT_TRUE(result.ok()) << source << " row " << r << ": " << result.error().short_text();
      ASSERT_EQ(result.value().kind(), expr::Kind::Bool) << source << " row " << r;
      EXPECT_EQ(result.value().as_bool(), outcome == Outcome::True) << source << " row " << r;
    }
  }
  EXPECT_GT(decided, 40u);  // most of them are decided, not left to the evaluator
}

TEST(CellPredicate, LeavesErrorsToTheEvaluator) {
  const std::string paid = "paid";
  auto p = predicate(*compiled("amount > 10"));
  EXPECT_EQ(p->decide(std::vector<Cell>{text(paid), Cell::missing(), Cell(), Cell()}),
            Outcome::Unknown);  // nil > 10 fails
  EXPECT_EQ(p->decide(std::vector<Cell>{text(paid), text(paid), Cell(), Cell()}), Outcome::Unknown);
}

}  // namespace
}  // namespace sluice::transforms
