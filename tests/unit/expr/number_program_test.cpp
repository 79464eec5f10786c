// NumberProgram against the evaluator: the same kind (int or float) and the same value for
// every shape and input, including wrapping, infinities and NaN.
#include "expr/number_program.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "expr/glassflow_functions.h"
#include "expr/program.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

std::shared_ptr<const Program> compile_helpers(const std::string& source) {
  CompileOptions options;
  options.functions = &glassflow_functions();  // as stateless steps compile
  auto compiled = compile(source, options);
  EXPECT_TRUE(compiled.ok()) << source;
  return compiled.ok() ? compiled.value() : nullptr;
}

bool same(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Kind::Int) return a.as_int() == b.as_int();
  if (std::isnan(a.as_float())) return std::isnan(b.as_float());
  return a.as_float() == b.as_float() && std::signbit(a.as_float()) == std::signbit(b.as_float());
}

// Runs `source` both ways with every variable set to `x`; the compiled result as text.
std::string both_ways(const std::string& source, double x) {
  auto program = compile_helpers(source);
  if (!program) return "no program";
  auto compiled = NumberProgram::compile(*program);
  if (!compiled) return "not compiled";
  Map record;
  std::vector<double> variables;
  for (const std::string& name : program->variables()) {
    record.emplace(name, Value(x));
    variables.push_back(x);
  }
  auto expected = program->run(record);
  const Value got = compiled->run(variables);
  EXPECT_TRUE(expected.ok()) << source;
  if (expected.ok()) {
    EXPECT_TRUE(same(expected.value(), got))
        << source << " on " << x << ": evaluator " << display_string(expected.value())
        << ", compiled " << display_string(got);
  }
  return (got.kind() == Kind::Int ? "int " : "float ") + display_string(got);
}

TEST(NumberProgram, AgreesWithTheEvaluator) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const char* source : {"int(round(a * 100))", "a * 100", "round(a) + 1", "floor(a) - ceil(a)",
                             "a / 0", "int(a) * 3", "int(a) + 9223372036854775807", "float(int(a))",
                             "1 + 2 * 3 - a", "int(a) / 2", "int(a) - int(a * 2)", "round(-a)",
                             "7 / 2", "int(1e300 * a)", "floor(a / 3) * 3.5"}) {
    for (double x : {0.0, -0.0, 1.5, -2.5, 2.5, 408.08, 10.005, 1e300, -1e300, 9.3e18, -9.3e18,
                     0.1 + 0.2, inf, -inf, std::nan("")})
      both_ways(source, x);
  }
}

TEST(NumberProgram, GivesTheW4Results) {
  EXPECT_EQ(both_ways("int(round(a * 100))", 408.08), "int 40808");
  EXPECT_EQ(both_ways("int(round(a * 100))", -0.125), "int -13");  // half away from zero
  EXPECT_EQ(both_ways("int(a)", std::nan("")), "int -9223372036854775808");
  EXPECT_EQ(both_ways("int(a) + 9223372036854775807", 1), "int -9223372036854775808");
  EXPECT_EQ(both_ways("7 / 2", 0), "float 3.5");
}

TEST(NumberProgram, CompilesOnlyItsShapes) {
  for (const char* source : {"a % 2", "-a", "a ** 2", "abs(a)", "toInt(a)", "int(s + 'x')",
                             "a ?? 1", "max(a, 1)", "len(a)", "a > 1", "'x'", "$env.a"}) {
    auto program = compile_helpers(source);
    ASSERT_TRUE(program);
    EXPECT_EQ(NumberProgram::compile(*program), nullptr) << source;
  }
}

}  // namespace
}  // namespace sluice::expr
