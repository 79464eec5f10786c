#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "config/pipeline.h"
#include "core/cell.h"
#include "expr/program.h"

namespace sluice::transforms {

// A filter expression of the common shape — fields compared with literals (`amount > 10`,
// `status == 'paid'`, either side), joined by and / or / not — compiled to tests on the
// decoded cells, so that most records are decided without building expression values.
// Three-valued: Unknown wherever the evaluator might fail or give a non-bool (an ordering of
// other kinds, nil, an object), and the caller then runs the evaluator, so the outcome is
// always the evaluator's. Immutable; decide() may run on several threads.
class CellPredicate {
 public:
  enum class Outcome { False, True, Unknown };

  // Null unless the whole expression has that shape. `field_of_variable[v]`: the index in the
  // cells given to decide() of program variable v, or -1 when the record has no such field.
  static std::unique_ptr<CellPredicate> compile(const expr::Program& program,
                                                std::span<const int64_t> field_of_variable);

  Outcome decide(std::span<const Cell> cells) const { return decide(0, cells); }

  // Per program variable, its index in `fields`, or -1 when no field has its name; empty
  // unless each variable is a plain field or none (no $env, no parent of dotted fields, no
  // array, whose elements are not in the cells).
  static std::vector<int64_t> plain_fields(const expr::Program& program,
                                           const std::vector<config::SchemaField>& fields,
                                           bool& plain);

  // The tests' operations (public for the comparison helpers of the .cpp).
  enum class Op { And, Or, Not, Eq, Ne, Lt, Le, Gt, Ge };

 private:
  struct Test {
    Op op = Op::Eq;
    size_t left = 0, right = 0;  // And/Or/Not: indices of the operand tests
    int64_t field = -1;          // comparisons: the cell (-1: always nil)
    expr::Value literal;         // comparisons: nil, bool, number or string
  };

  size_t add(const expr::Node& node, std::span<const int64_t> field_of_variable, bool& ok);
  Outcome decide(size_t test, std::span<const Cell> cells) const;
  static Outcome compare(const Test& t, const Cell& cell);

  std::vector<Test> tests_;  // tests_[0] is the root
};

}  // namespace sluice::transforms
