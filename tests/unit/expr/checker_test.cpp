// Typed-mode (T) checks: what GlassFlow's create-time validation rejects and accepts.
#include <gtest/gtest.h>

#include "expr/program.h"
#include "run_expr.h"

namespace sluice::expr {
namespace {

using testing::run_expr;
using testing::run_typed;

constexpr const char* kSchema =
    R"({"s": "", "n": 0, "b": false, "arr": [], "obj": {}, "u": {"age": 0}, "z": null})";

TEST(Checker, RejectsWhatGlassFlowRejects) {
  EXPECT_EQ(run_typed("1..n", kSchema),
            "CE: invalid operation: .. (mismatched types int and float64)");
  EXPECT_EQ(run_typed("arr[n]", kSchema),
            "CE: array elements can only be selected using an integer (got float64)");
  EXPECT_EQ(run_typed("s + 1", kSchema),
            "CE: invalid operation: + (mismatched types string and int)");
  EXPECT_EQ(run_typed("s == 1", kSchema),
            "CE: invalid operation: == (mismatched types string and int)");
  EXPECT_EQ(run_typed("not n", kSchema), "CE: invalid operation: not (mismatched type float64)");
  EXPECT_EQ(run_typed("!s", kSchema), "CE: invalid operation: ! (mismatched type string)");
  EXPECT_EQ(run_typed("-s", kSchema), "CE: invalid operation: - (mismatched type string)");
  EXPECT_EQ(run_typed("b and n", kSchema),
            "CE: invalid operation: and (mismatched types bool and float64)");
  EXPECT_EQ(run_typed("z > 1", kSchema), "CE: invalid operation: > (mismatched types nil and int)");
  EXPECT_EQ(run_typed("z.x", kSchema), "CE: type nil has no field x");
  EXPECT_EQ(run_typed("s.x", kSchema), "CE: type string has no field x");
  EXPECT_EQ(run_typed("s[0]", kSchema), "CE: type string[int] is undefined");
  EXPECT_EQ(run_typed("obj[1]", kSchema),
            "CE: cannot use int to get an element from map[string]interface {}");
  EXPECT_EQ(run_typed("arr[b:]", kSchema), "CE: non-integer slice index bool");
  EXPECT_EQ(run_typed("b[1:]", kSchema), "CE: cannot slice bool");
  EXPECT_EQ(run_typed("\"a\" in s", kSchema),
            "CE: invalid operation: in (mismatched types string and string)");
  EXPECT_EQ(run_typed("1 in obj", kSchema), "CE: cannot use int as type string in map key");
  EXPECT_EQ(run_typed("'x' in [1, 2]", kSchema), "CE: cannot use string as type int in array");
  EXPECT_EQ(run_typed("len(n)", kSchema), "CE: invalid argument for len (type float64)");
  EXPECT_EQ(run_typed("len(s, s)", kSchema), "CE: invalid number of arguments (expected 1, got 2)");
  EXPECT_EQ(run_typed("upper()", kSchema), "CE: not enough arguments to call upper");
  EXPECT_EQ(run_typed("upper(s, s)", kSchema), "CE: too many arguments to call upper");
  EXPECT_EQ(run_typed("upper(n)", kSchema),
            "CE: cannot use float64 as argument (type string) to call upper ");
  EXPECT_EQ(run_typed("filter(arr, 1)", kSchema), "CE: predicate should return boolean (got int)");
  EXPECT_EQ(run_typed("all(s, true)", kSchema), "CE: builtin all takes only array (got string)");
  EXPECT_EQ(run_typed("$env.nope", kSchema), "CE: unknown name nope");
  EXPECT_EQ(run_typed("nope(1)", kSchema), "CE: unknown name nope");
  EXPECT_EQ(run_typed("let upper = 1; upper", kSchema), "CE: cannot redeclare builtin upper");
  EXPECT_EQ(run_typed("s matches '('", kSchema),
            "CE: error parsing regexp: missing closing ): `(`");
}

TEST(Checker, AcceptsWhatGlassFlowAccepts) {
  EXPECT_EQ(run_typed("z == nil", kSchema), "true");
  EXPECT_EQ(run_typed("z ?? 1", kSchema), "1");
  EXPECT_EQ(run_typed("s == nil", kSchema), "false");
  EXPECT_EQ(run_typed("u.name == nil", kSchema), "true");  // nested maps are not strict
  EXPECT_EQ(run_typed("u.age + 1", kSchema), "1.0");
  EXPECT_EQ(run_typed("int(n) % 2 == 0", kSchema), "true");
  EXPECT_EQ(run_typed("n / 0 > 1", kSchema), "false");  // NaN compares false
  EXPECT_EQ(run_typed("$env?.nope ?? 'd'", kSchema), "\"d\"");
  EXPECT_EQ(run_typed("$env['s'] + 'x'", kSchema), "\"x\"");
}

TEST(Checker, ResultTypeAndVariables) {
  CompileOptions options;
  options.mode = Mode::Typed;
  options.env = {{"a", TypeKind::Float}, {"b", TypeKind::String}, {"c", TypeKind::Bool}};
  auto compiled = compile("a > 1 and b == 'x' and a < 5", options);
  ASSERT_TRUE(compiled.ok()) << compiled.error().formatted;
  const Program& program = *compiled.value();
  EXPECT_EQ(program.result_type().kind(), TypeKind::Bool);
  EXPECT_EQ(program.variables(), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(program.uses_env_map());
  const std::vector<Value> slots = {Value(3.0), Value("x")};
  auto result = program.run(Env{slots});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().as_bool());
  // Missing slots read as nil.
  auto short_env = program.run(Env{std::span<const Value>(slots.data(), 1)});
  ASSERT_TRUE(short_env.ok());
  EXPECT_FALSE(short_env.value().as_bool());
}

TEST(Checker, UntypedModeDefersToRuntime) {
  EXPECT_EQ(run_expr("upper(n)", {R"({"n": 1})"}),
            "RE: interface conversion: interface {} is float64, not string");
  EXPECT_EQ(run_expr("nope(1)"), "RE: invalid operation: cannot call nil");
  EXPECT_EQ(run_expr("x % 2", {R"({"x": 4})"}), "RE: invalid operation: float64 % int");
}

}  // namespace
}  // namespace sluice::expr
