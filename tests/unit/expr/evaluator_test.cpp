#include <gtest/gtest.h>

#include <cmath>

#include "expr/value_format.h"
#include "run_expr.h"

namespace sluice::expr {
namespace {

using testing::run_expr;

TEST(Evaluator, IntegerArithmeticWraps) {
  EXPECT_EQ(run_expr("-9223372036854775807 - 1 - 1"), "9223372036854775807");
  EXPECT_EQ(run_expr("9223372036854775807 * 2"), "-2");
  EXPECT_EQ(run_expr("(-9223372036854775807 - 1) % -1"), "0");
  EXPECT_EQ(run_expr("-(-9223372036854775807 - 1)"), "-9223372036854775808");
  EXPECT_EQ(run_expr("abs(-9223372036854775807 - 1)"), "-9223372036854775808");
  EXPECT_EQ(run_expr("1 % 0"), "RE: runtime error: integer divide by zero");
  EXPECT_EQ(run_expr("-1 / 0"), "-Inf");
  EXPECT_EQ(run_expr("string(0 / 0)"), "\"NaN\"");
}

TEST(Evaluator, EqualityAndOrdering) {
  EXPECT_EQ(run_expr("[1, [2]] == [1.0, [2.0]]"), "true");
  EXPECT_EQ(run_expr("{'a': [1]} == {'a': [1]}"), "true");
  EXPECT_EQ(run_expr("'1' == 1", {R"({})"}),
            "CE: invalid operation: == (mismatched types string and int)");
  EXPECT_EQ(run_expr("x == 1", {R"({"x": "1"})"}), "false");
  EXPECT_EQ(run_expr("x < 'b'", {R"({"x": true})"}), "RE: invalid operation: bool < string");
  EXPECT_EQ(run_expr("x > y", {R"({"x": "b", "y": "a"})"}), "true");
  EXPECT_EQ(run_expr("duration('1h') > duration('59m')"), "true");
}

TEST(Evaluator, AndOrShortCircuit) {
  EXPECT_EQ(run_expr("false and missing.x"), "false");
  EXPECT_EQ(run_expr("true or missing.x"), "true");
  EXPECT_EQ(run_expr("x && true", {R"({"x": "s"})"}),
            "RE: interface conversion: interface {} is string, not bool");
}

TEST(Evaluator, NilHandling) {
  EXPECT_EQ(run_expr("missing in ['', 'b']"), "true");  // upstream's string-set quirk
  EXPECT_EQ(run_expr("missing in [1]"), "false");
  EXPECT_EQ(run_expr("'a' in missing"), "false");
  EXPECT_EQ(run_expr("missing?.[0]"), "nil");
  EXPECT_EQ(run_expr("missing?.Unix()"), "nil");
  EXPECT_EQ(run_expr("a?.b?.c", {R"({"a": {"b": null}})"}), "nil");
  EXPECT_EQ(run_expr("(missing?.a) ?? 'd'"), "\"d\"");
  EXPECT_EQ(run_expr("missing startsWith 'a' or missing endsWith 'a'"), "false");
  EXPECT_EQ(run_expr("missing ? 1 : 2"), "RE: interface conversion: interface {} is nil, not bool");
  EXPECT_EQ(run_expr("1 matches 'a'", {}),
            "CE: invalid operation: matches (mismatched types int and string)");
  EXPECT_EQ(run_expr("x matches 'a'", {R"({"x": 1})"}),
            "RE: interface conversion: interface {} is float64, not string");
  EXPECT_EQ(run_expr("s matches p", {R"({"s": "a", "p": "("})"}),
            "RE: error parsing regexp: missing closing ): `(`");
}

TEST(Evaluator, IndexingAndSlices) {
  EXPECT_EQ(run_expr("[1,2,3][-4]"), "RE: index out of range: -1 (array length is 3)");
  EXPECT_EQ(run_expr("a[1.9]", {R"({"a": [1, 2, 3]})"}), "2.0");
  EXPECT_EQ(run_expr("a[-9:2]", {R"({"a": [1, 2, 3]})"}), "[1.0, 2.0]");
  EXPECT_EQ(run_expr("'héllo'[-3:]"), "\"llo\"");
  EXPECT_EQ(run_expr("m['k']", {R"({"m": {"k": 1}})"}), "1.0");
  EXPECT_EQ(run_expr("m[1]", {R"({"m": {}})"}),
            "RE: cannot use int to get an element from map[string]interface {}");
  EXPECT_EQ(run_expr("0..1000000"), "RE: memory budget exceeded");
}

TEST(Evaluator, Predicates) {
  EXPECT_EQ(run_expr("any([1, 2], # > 1)"), "true");
  EXPECT_EQ(run_expr("none([1, 2], # > 5)"), "true");
  EXPECT_EQ(run_expr("count(1..10, # % 3 == 0)"), "3");
  EXPECT_EQ(run_expr("find([1, 2, 3], # > 1)"), "2");
  EXPECT_EQ(run_expr("findLast([1, 2, 3], # > 1)"), "3");
  EXPECT_EQ(run_expr("findLastIndex([1, 2, 3], # < 3)"), "1");
  EXPECT_EQ(run_expr("sum([1, 2], # * 2)"), "6");
  EXPECT_EQ(run_expr("sum(['a'])"), "RE: invalid operation: int + string");
  EXPECT_EQ(run_expr("map([[1, 2], [3]], sum(#))"), "[3, 3]");
  EXPECT_EQ(run_expr("let outer = 10; map([1], map([2], # + outer))"), "[[12]]");
  EXPECT_EQ(run_expr("filter(x, .age > 18)", {R"({"x": [{"age": 20}, {"age": 3}]})"}),
            "[{\"age\": 20.0}]");
  EXPECT_EQ(run_expr("reduce([], #acc)"), "RE: reduce of empty array with no initial value");
  EXPECT_EQ(run_expr("reduce([1, 2, 3], #acc * #)"), "6");
  EXPECT_EQ(run_expr("all(x, # > 0)", {R"({"x": "s"})"}),
            "RE: builtin all takes only array (got string)");
  EXPECT_EQ(run_expr("filter([1], {let y = # + 1; y > 1})"), "[1]");
}

TEST(Evaluator, StringBuiltins) {
  EXPECT_EQ(run_expr("lower('ÀB') + upper('ǆ')"), "\"àbǄ\"");
  EXPECT_EQ(run_expr("trim('  a \\n')"), "\"a\"");
  EXPECT_EQ(run_expr("trimPrefix(' a')+trimSuffix('xa', 'a')"), "\"ax\"");
  EXPECT_EQ(run_expr("split('abc', '')"), "[\"a\", \"b\", \"c\"]");
  EXPECT_EQ(run_expr("split('a,b,c', ',', 2)"), "[\"a\", \"b,c\"]");
  EXPECT_EQ(run_expr("split('a,b', ',', 0)"), "[]");
  EXPECT_EQ(run_expr("splitAfter('a,b', ',')"), "[\"a,\", \"b\"]");
  EXPECT_EQ(run_expr("replace('aaa', 'a', 'b', 2)"), "\"bba\"");
  EXPECT_EQ(run_expr("replace('ab', '', '-')"), "\"-a-b-\"");
  EXPECT_EQ(run_expr("repeat('ab', 2)"), "\"abab\"");
  EXPECT_EQ(run_expr("repeat('ab', -1)"),
            "RE: invalid argument for repeat (expected positive integer, got -1)");
  EXPECT_EQ(run_expr("lastIndexOf('abab', 'b') + indexOf('a', 'z')"), "2");
  EXPECT_EQ(run_expr("hasPrefix('abc', 'ab') && hasSuffix('abc', 'bc')"), "true");
  EXPECT_EQ(run_expr("join(['a', 'b'])"), "\"ab\"");
  EXPECT_EQ(run_expr("'' contains ''"), "true");
}

TEST(Evaluator, NumberBuiltins) {
  EXPECT_EQ(run_expr("max(3, 2.5)"), "3");
  EXPECT_EQ(run_expr("min([4, [1.5]], 2)"), "1.5");
  EXPECT_EQ(run_expr("max('a')"), "CE: invalid argument for max (type string)");
  EXPECT_EQ(run_expr("mean([1, 2])"), "1.5");
  EXPECT_EQ(run_expr("median([3, 1, 4, 2])"), "2.5");
  EXPECT_EQ(run_expr("floor(-1.5)"), "-2.0");
  EXPECT_EQ(run_expr("abs(-2.5)"), "2.5");
  EXPECT_EQ(run_expr("int('+5')"), "5");
  EXPECT_EQ(run_expr("int(' 42')"), "RE: invalid operation: int( 42)");
  EXPECT_EQ(run_expr("int(1e300)"), "-9223372036854775808");
  EXPECT_EQ(run_expr("float('1e3') + float('inf')"), "+Inf");
  EXPECT_EQ(run_expr("float(' 1')"), "RE: invalid operation: float( 1)");
  EXPECT_EQ(run_expr("type(1) + type(1.0) + type(nil)"), "\"intfloatnil\"");
}

TEST(Evaluator, Strings) {
  EXPECT_EQ(run_expr("string(0.0001)"), "\"0.0001\"");
  EXPECT_EQ(run_expr("string(0.00001)"), "\"1e-05\"");
  EXPECT_EQ(run_expr("string(1234567.0)"), "\"1.234567e+06\"");
  EXPECT_EQ(run_expr("string(-0.5)"), "\"-0.5\"");
  EXPECT_EQ(run_expr("string(1e21)"), "\"1e+21\"");
  EXPECT_EQ(run_expr("string(0.1 + 0.2)"), "\"0.30000000000000004\"");
  EXPECT_EQ(run_expr("string({'b': [1, 'x'], 'a': true})"), "\"map[a:true b:[1 x]]\"");
  EXPECT_EQ(run_expr("string(duration('1h30m'))"), "\"1h30m0s\"");
  EXPECT_EQ(run_expr("string(date('2024-03-01 10:00:00'))"), "\"2024-03-01 10:00:00 +0000 UTC\"");
  EXPECT_EQ(run_expr("toJSON([1e-7, 1e21, 0.5, 'a<b'])"),
            "\"[\\n  1e-7,\\n  1e+21,\\n  0.5,\\n  \\\"a\\\\u003cb\\\"\\n]\"");
  EXPECT_EQ(run_expr("toJSON(0 / 0)"), "RE: json: unsupported value: NaN");
  EXPECT_EQ(run_expr("fromJSON('[1, {\"a\": null}]')"), "[1.0, {\"a\": nil}]");
  EXPECT_EQ(run_expr("fromJSON('{')"), "RE: unexpected end of JSON input");
  EXPECT_EQ(run_expr("fromBase64(toBase64('hé'))"), "\"hé\"");
}

TEST(Evaluator, Time) {
  EXPECT_EQ(run_expr("date('2024-03-01T10:00:00+01:00').Unix()"), "1709283600");
  EXPECT_EQ(run_expr("string(date('2024-03-01T10:00:00+01:00'))"),
            "\"2024-03-01 10:00:00 +0100 +0100\"");
  EXPECT_EQ(run_expr("date('2024-03-01T10:00:00.5Z').UnixMilli()"), "1709287200500");
  EXPECT_EQ(run_expr("date('01/02/2024', '01/02/2006').YearDay()"), "2");
  EXPECT_EQ(run_expr("date('Fri, 01 Mar 2024 10:00:00 GMT').Hour()"), "10");
  EXPECT_EQ(run_expr("date('10:11:12').Year()"), "0");
  EXPECT_EQ(run_expr("int(date('2024-03-01').Weekday())"), "5");
  EXPECT_EQ(run_expr("date('2024-01-31').AddDate(0, 1, 0).Format('2006-01-02')"), "\"2024-03-02\"");
  EXPECT_EQ(run_expr("(date('2024-03-01') + duration('36h')).Format('Jan 2, 2006 3:04PM')"),
            "\"Mar 2, 2024 12:00PM\"");
  EXPECT_EQ(run_expr("date('2024-03-01') - duration('1ns') < date('2024-03-01')"), "true");
  EXPECT_EQ(run_expr("date('2024-03-01 10:29:59').Round(duration('1h')).Hour()"), "10");
  EXPECT_EQ(run_expr("date('2024-03-01 10:30:00').Truncate(duration('1h')).Minute()"), "0");
  EXPECT_EQ(run_expr("date('2024-03-01').Before(date('2024-03-02'))"), "true");
  EXPECT_EQ(run_expr("duration('-1.5h').Minutes()"), "-90.0");
  EXPECT_EQ(run_expr("string(duration('1.5s') + duration('250ms'))"), "\"1.75s\"");
  EXPECT_EQ(run_expr("string(duration('1us') * 3)"), "\"3µs\"");
  EXPECT_EQ(run_expr("duration('1')"), "RE: time: missing unit in duration \"1\"");
  EXPECT_EQ(run_expr("duration('x')"), "RE: time: invalid duration \"x\"");
  EXPECT_EQ(run_expr("date('2024-02-30')"), "RE: invalid date 2024-02-30");
  EXPECT_EQ(run_expr("date('x', '2006')"),
            "RE: parsing time \"x\" as \"2006\": cannot parse \"x\" as \"2006\"");
  EXPECT_EQ(run_expr("now() - now() < duration('1m')"), "true");
  EXPECT_EQ(run_expr("date('2024-03-01').Month() == 3"),
            "CE: invalid operation: == (mismatched types time.Month and int)");
}

}  // namespace
}  // namespace sluice::expr
