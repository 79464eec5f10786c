#include "expr/lexer.h"

#include <gtest/gtest.h>

#include "expr/expr_error.h"
#include "run_expr.h"

namespace sluice::expr {
namespace {

using testing::run_expr;

std::string lex_error(const std::string& source) {
  try {
    tokenize(source);
  } catch (const CompileFailure& failure) {
    return failure.message;
  }
  return "";
}

TEST(Lexer, OperatorWordsAndIdentifiers) {
  const auto tokens = tokenize("a not in b and $env or é_1");
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[1].kind, TokenKind::Operator);
  EXPECT_EQ(tokens[1].text, "not");
  EXPECT_EQ(tokens[5].kind, TokenKind::Identifier);
  EXPECT_EQ(tokens[5].text, "$env");
  EXPECT_EQ(tokens[7].text, "é_1");
  EXPECT_EQ(tokens[7].kind, TokenKind::Identifier);
  EXPECT_EQ(tokens[8].kind, TokenKind::End);
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(run_expr("1_0.5_0"), "10.5");
  EXPECT_EQ(run_expr(".5 + 1."), "1.5");
  EXPECT_EQ(run_expr("1e3"), "1000.0");
  EXPECT_EQ(run_expr("0x_FF"), "255");
  EXPECT_EQ(run_expr("1..3"), "[1, 2, 3]");
  EXPECT_EQ(lex_error("1E"),
            "invalid float literal: strconv.ParseFloat: parsing \"1E\": invalid syntax");
  EXPECT_EQ(lex_error("12abc"), "bad number syntax: \"12abc\"");
  EXPECT_EQ(lex_error("9223372036854775808"),
            "invalid integer literal: strconv.ParseInt: parsing \"9223372036854775808\": value "
            "out of range");
  EXPECT_EQ(run_expr("9223372036854775807"), "9223372036854775807");
}

TEST(Lexer, StringEscapes) {
  EXPECT_EQ(run_expr(R"("\x41\101\u00e9\U0001F600\u{1F600}\t")"), "\"AAé😀😀\t\"");
  EXPECT_EQ(run_expr(R"("\xff")"), "\"\xC3\xBF\"");  // a code point, as UTF-8
  EXPECT_EQ(run_expr(R"('a"b')"), "\"a\\\"b\"");
  EXPECT_EQ(lex_error(R"('a\.c')"), "invalid char escape");
  EXPECT_EQ(lex_error(R"('it\"s')"), "invalid char escape");
  EXPECT_EQ(lex_error("\"abc"), "literal not terminated");
  EXPECT_EQ(lex_error("\"a\nb\""), "literal not terminated");
  EXPECT_EQ(run_expr("`a``b\nc`"), "\"a`b\\nc\"");
}

TEST(Lexer, CommentsAndSpaces) {
  EXPECT_EQ(run_expr("1 /* two */ + // rest\n 2"), "3");
  EXPECT_EQ(run_expr("1\u3000+\u00a02"), "3");  // Unicode spaces
  EXPECT_EQ(lex_error("1 /* open"), "unclosed comment");
  EXPECT_EQ(lex_error("a & b"), "unexpected token Operator(\"&\")");
}

}  // namespace
}  // namespace sluice::expr
