#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "expr/program.h"

// A numeric expression compiled a second time, for the common shapes of stateless outputs
// (`int(round(amount * 100))`): doubles and int64s instead of Values and a tree walk, with the
// evaluator's rules: int op int wraps, a float operand makes a float, `/` is always a float,
// round is half away from zero, int() truncates (NaN and out of range give INT64_MIN).
//
// Shapes (any nesting): a variable, int and float literals, s + s, s - s, s * s, s / s, and the
// builtins round(s), floor(s), ceil(s), int(s), float(s).
// Variables are numbers, as untyped mode reads every JSON number: a float. The caller runs
// the Program instead for a row where a variable is not a number. Not thread-safe (scratch).
namespace sluice::expr {

class NumberProgram {
 public:
  // Null when `program` is not made only of the shapes above.
  static std::unique_ptr<NumberProgram> compile(const Program& program);

  // A result: an int (i) or a float (f).
  struct Number {
    bool is_int = false;
    int64_t i = 0;
    double f = 0;
    double as_double() const { return is_int ? static_cast<double>(i) : f; }
    Value value() const { return is_int ? Value(i) : Value(f); }
  };

  // `variables[i]` is the value of Program::variables()[i]; the span must cover them all.
  Value run(std::span<const double> variables) { return run_number(variables).value(); }
  // The same without a Value (a column's rows, one after another); valid until the next run.
  const Number& run_number(std::span<const double> variables);

 private:
  enum class Op { Variable, Literal, Add, Sub, Mul, Div, Round, Floor, Ceil, Int, Float };
  struct Step {
    Op op = Op::Literal;
    size_t kid = 0, right = 0;  // input steps (earlier ones)
    size_t slot = 0;            // Variable
    Number literal;             // Literal
  };

  bool compile_node(const Node& node, size_t& step);

  std::vector<Step> steps_;  // kids before their users; the last is the result
  std::vector<Number> results_;
};

}  // namespace sluice::expr
