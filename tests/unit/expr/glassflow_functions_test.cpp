// The GlassFlow helper functions (glassflow.md §6), including its documented quirks.
#include "expr/glassflow_functions.h"

#include <gtest/gtest.h>

#include "run_expr.h"

namespace sluice::expr {
namespace {

using testing::run_expr;
using testing::run_helpers;

TEST(GlassFlowFunctions, Conversions) {
  EXPECT_EQ(run_helpers("toInt('3.14')"), "3");  // the docs say 0; the code floors
  EXPECT_EQ(run_helpers("toInt('-4.2')"), "-5");
  EXPECT_EQ(run_helpers("toInt('42')"), "42");
  EXPECT_EQ(run_helpers("toInt('x')"), "0");
  EXPECT_EQ(run_helpers("toInt(n)", R"({"n": 7.9})"), "7");
  EXPECT_EQ(run_helpers("toFloat('2.5') + toFloat('x')"), "2.5");
  EXPECT_EQ(run_helpers("toString(1.5) + toString(missing)"), "\"1.5\"");
}

TEST(GlassFlowFunctions, ShadowBuiltins) {
  EXPECT_EQ(run_helpers("split('', ',')"), "\"\"");  // a string, not [""]
  EXPECT_EQ(run_expr("split('', ',')"), "[\"\"]");   // the builtin
  EXPECT_EQ(run_helpers("split('a,b', ',')"), "[\"a\", \"b\"]");
  EXPECT_EQ(run_helpers("join([1, 'a'], '-')"), "\"1-a\"");
  EXPECT_EQ(run_helpers("join('x', '-')"), "\"\"");
  EXPECT_EQ(run_helpers("upper(5)"), "\"5\"");  // loose: converted to a string
  EXPECT_EQ(run_helpers("::upper(5)"),
            "CE: cannot use int as argument (type string) to call upper ");
  EXPECT_EQ(run_helpers("trim(' a ') + lower('B') + replace('aa', 'a', 'b')"), "\"abbb\"");
  EXPECT_EQ(run_helpers("keys({'b': 1, 'a': 2})"), "[\"a\", \"b\"]");
  EXPECT_EQ(run_helpers("keys('x')"), "[]");
  EXPECT_EQ(run_helpers("hasPrefix('', '')"), "false");  // empty first argument
  EXPECT_EQ(run_helpers("hasSuffix('abc', 'c')"), "true");
}

TEST(GlassFlowFunctions, StringTests) {
  EXPECT_EQ(run_helpers("containsStr('abc', 'b')"), "true");
  EXPECT_EQ(run_helpers("containsStr('', '')"), "false");
  EXPECT_EQ(run_helpers("containsStr(tet, 'q')"), "false");  // a misspelled field: no error
  EXPECT_EQ(run_helpers("containsStr(x)"), "RE: containsStr requires 2 arguments, got 1");
}

TEST(GlassFlowFunctions, Queries) {
  EXPECT_EQ(run_helpers("parseQuery('a=1&b=x+y&a=2')"), "{\"a\": [\"1\", \"2\"], \"b\": \"x y\"}");
  EXPECT_EQ(run_helpers("parseQuery('')"), "{}");
  EXPECT_EQ(run_helpers("parseQuery('a=%zz')"), "{}");
  EXPECT_EQ(run_helpers("getQueryParam('https://x.io/p?utm_source=mail&q=1', 'utm_source')"),
            "\"mail\"");
  EXPECT_EQ(run_helpers("getQueryParam('a=1', 'b')"), "\"\"");
  EXPECT_EQ(run_helpers("getNestedParam('a=1&a=2', 'a')"), "[\"1\", \"2\"]");
  EXPECT_EQ(run_helpers("getQueryParam('a=1')"), "RE: getQueryParam requires 2 arguments, got 1");
  EXPECT_EQ(run_helpers("urlDecode('a%20b+c')"), "\"a b c\"");
  EXPECT_EQ(run_helpers("urlDecode(5)"), "\"\"");
  EXPECT_EQ(run_helpers("urlDecode('%zz')"), "RE: invalid URL escape \"%zz\"");
}

TEST(GlassFlowFunctions, Dates) {
  EXPECT_EQ(run_helpers("parseISO8601('2024-03-01T10:11:12Z')"), "1709287872");
  EXPECT_EQ(run_helpers("parseISO8601('2024-03-01 10:11:12.000000')"), "1709287872");
  EXPECT_EQ(run_helpers("parseISO8601('2024-03-01T11:11:12+01:00')"), "1709287872");
  EXPECT_EQ(run_helpers("parseISO8601('') + parseISO8601('nope')"), "0");
  EXPECT_EQ(run_helpers("toDate(1709287872.0)"), "\"2024-03-01\"");
  EXPECT_EQ(run_helpers("toDate(date('2024-03-01'))"), "\"2024-03-01\"");
  EXPECT_EQ(run_helpers("toDate('2024-03-01')"), "0");  // a number, as GlassFlow
}

TEST(GlassFlowFunctions, UserAgent) {
  const std::string iphone =
      "'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
      "Gecko) Version/17.0 Mobile/15E148 Safari/604.1'";
  EXPECT_EQ(run_helpers("parseUserAgent(" + iphone + ", 'device')"), "\"Mobile\"");
  EXPECT_EQ(run_helpers("parseUserAgent(" + iphone + ", 'browser')"), "\"Safari\"");
  EXPECT_EQ(run_helpers("parseUserAgent(" + iphone + ", 'os')"), "\"iOS\"");
  const std::string edge =
      "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/120.0 Safari/537.36 Edg/120.0'";
  EXPECT_EQ(run_helpers("parseUserAgent(" + edge + ", 'browser')"), "\"Edge\"");
  EXPECT_EQ(run_helpers("parseUserAgent(" + edge + ", 'os')"), "\"Windows\"");
  EXPECT_EQ(run_helpers("parseUserAgent(" + edge + ", 'device')"), "\"Desktop\"");
  EXPECT_EQ(run_helpers("parseUserAgent('Mozilla/5.0 (Linux; Android 14; SM-X710)', 'device')"),
            "\"Tablet\"");
  EXPECT_EQ(run_helpers("parseUserAgent('x', 'color')"), "\"\"");
}

TEST(GlassFlowFunctions, Others) {
  EXPECT_EQ(run_helpers("waterfall(missing, '', 0, 'x')"), "\"0\"");
  EXPECT_EQ(run_helpers("waterfall([nil, '', 'b'])"), "\"b\"");
  EXPECT_EQ(run_helpers("waterfall(nil, '')"), "\"\"");
  EXPECT_EQ(run_helpers("extractPathType('/g/collect?v=2')"), "\"collect\"");
  EXPECT_EQ(run_helpers("extractPathType('/_/set_cookie')"), "\"set_cookie\"");
  EXPECT_EQ(run_helpers("extractPathType('/other')"), "\"unknown\"");
  EXPECT_EQ(run_helpers("hasKeyPrefix({'utm_a': 1}, ['utm_'])"), "true");
  EXPECT_EQ(run_helpers("hasKeyPrefix('x', ['utm_'])"), "false");
  EXPECT_EQ(run_helpers("hasAnyKey({'a': 1}, ['b', 'a'])"), "true");
  EXPECT_EQ(run_helpers("hasAnyKey({'a': 1}, 'a')"), "false");
}

TEST(GlassFlowFunctions, TypedModeDoesNotCheckHelperArguments) {
  // GlassFlow registers the helpers untyped: a wrong arity only fails per record.
  EXPECT_EQ(run_expr("containsStr(s)", {R"({"s": ""})", true, true}),
            "RE: containsStr requires 2 arguments, got 1");
  EXPECT_EQ(run_expr("nope(s)", {R"({"s": ""})", true, true}), "CE: unknown name nope");
}

}  // namespace
}  // namespace sluice::expr
