#include "expr/parser.h"

#include <gtest/gtest.h>

#include "expr/program.h"
#include "run_expr.h"

namespace sluice::expr {
namespace {

using testing::run_expr;

TEST(Parser, Precedence) {
  EXPECT_EQ(run_expr("1 + 1..3"), "[2, 3]");
  EXPECT_EQ(run_expr("not 1 in [2]"), "CE: invalid operation: not (mismatched type int)");
  EXPECT_EQ(run_expr("1 not in [2]"), "true");
  EXPECT_EQ(run_expr("1 == 1 == true"), "true");
  EXPECT_EQ(run_expr("1 < 2 > 0"), "true");
  EXPECT_EQ(run_expr("3 > 2 > 1"), "true");
  EXPECT_EQ(run_expr("1 < 3 < 2"), "false");
  EXPECT_EQ(run_expr("-x ?? 1", {R"({"x": null})"}), "-1");
  EXPECT_EQ(run_expr("2 ** -1"), "0.5");
  EXPECT_EQ(run_expr("\"a\" + \"b\" | upper()"), "\"AB\"");
  EXPECT_EQ(run_expr("[1,2] | map(# * 2) | sum()"), "6");
  EXPECT_EQ(run_expr("true ? 1 : 2 + 3"), "1");
}

TEST(Parser, CoalesceMixing) {
  EXPECT_EQ(run_expr("a ?? b || c"),
            "CE: Operator (||) and coalesce expressions (?\?) cannot be mixed. Wrap either by "
            "parentheses.");
  EXPECT_EQ(run_expr("nil ?? nil ?? 3"), "3");
  EXPECT_EQ(run_expr("c + a ?? 2", {R"({"c": 1})"}), "3.0");
  EXPECT_EQ(run_expr("nil ?? true ? 'x' : 'y'"), "\"x\"");
}

TEST(Parser, Errors) {
  EXPECT_EQ(run_expr("1 not == 2"), "CE: unexpected token Operator(\"not\")");
  EXPECT_EQ(run_expr("[1,,2]"), "CE: unexpected token Operator(\",\")");
  EXPECT_EQ(run_expr("x | upper"), "CE: expected function call");
  EXPECT_EQ(run_expr("1 + if true { 1 } else { 2 }"), "CE: unexpected token Operator(\"if\")");
  EXPECT_EQ(run_expr("if true { 1 }"), "CE: unexpected token EOF");
  EXPECT_EQ(run_expr("# > 1"), "CE: cannot use pointer accessor outside predicate");
  EXPECT_EQ(run_expr("map([1], #acc)"), "CE: unknown pointer #acc");
  EXPECT_EQ(run_expr("filter([1], # > 0; true)"), "CE: wrap predicate with brackets { and }");
}

TEST(Parser, FormattedErrorHasPositionAndCaret) {
  auto compiled = compile("a > 1 and\n  b == ", {});
  ASSERT_FALSE(compiled.ok());
  const ExprError& error = compiled.error();
  EXPECT_EQ(error.message, "unexpected token EOF");
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.column, 8);
  EXPECT_EQ(error.formatted, "unexpected token EOF (2:8)\n |   b == \n | .......^");
  EXPECT_EQ(error.short_text(), "unexpected token EOF (2:8)");
}

TEST(Parser, ColumnsCountCodePoints) {
  auto compiled = compile("\"é\" + 1", {});
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.error().column, 5);
}

TEST(Parser, LiteralsAndAccess) {
  EXPECT_EQ(run_expr("{a: 1, a: 2}.a"), "1");  // the first duplicate key wins
  EXPECT_EQ(run_expr("{(\"k\" + \"1\"): true,}"), "{\"k1\": true}");
  EXPECT_EQ(run_expr("[1, 2,][1]"), "2");
  EXPECT_EQ(run_expr("m.in", {R"({"m": {"in": 5}})"}), "5.0");
  EXPECT_EQ(run_expr("$env[\"a b\"]", {R"({"a b": "x"})"}), "\"x\"");
  EXPECT_EQ(run_expr("'x' in $env", {R"({"x": 1})"}), "true");
  EXPECT_EQ(run_expr("\"abc\"[:]"), "\"abc\"");
  EXPECT_EQ(run_expr("::upper('a')"), "\"A\"");
  EXPECT_EQ(run_expr("1; 2; 3;"), "3");
}

}  // namespace
}  // namespace sluice::expr
