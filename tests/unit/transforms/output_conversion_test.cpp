#include "transforms/output_conversion.h"

#include <gtest/gtest.h>

#include "expr/value_format.h"

namespace sluice::transforms {
namespace {

std::string converted(const expr::Value& v, std::string_view type) {
  std::string error;
  auto out = convert_output(v, type, error);
  if (!out) return "error: " + error;
  return std::string(expr::go_type_name(*out)) + " " + expr::display_string(*out);
}

TEST(OutputConversion, StringCastsScalarsWithoutExponents) {
  EXPECT_EQ(converted(expr::Value(1500000.0), "string"), "string 1500000");
  EXPECT_EQ(converted(expr::Value(0.25), "string"), "string 0.25");
  EXPECT_EQ(converted(expr::Value(int64_t{-42}), "string"), "string -42");
  EXPECT_EQ(converted(expr::Value(true), "string"), "string true");
  EXPECT_EQ(converted(expr::Value(), "string"), "string ");
  EXPECT_EQ(converted(expr::Value(expr::Array{expr::Value("a")}), "string"),
            "error: unable to cast [a] of type []interface {} to string");
}

TEST(OutputConversion, IntegersTruncateFloatsAndParseText) {
  EXPECT_EQ(converted(expr::Value(3.99), "int"), "int 3");
  EXPECT_EQ(converted(expr::Value(-3.99), "int64"), "int -3");
  EXPECT_EQ(converted(expr::Value("42"), "int"), "int 42");
  EXPECT_EQ(converted(expr::Value("42.000"), "int"), "int 42");
  EXPECT_EQ(converted(expr::Value("0x1f"), "int"), "int 31");
  EXPECT_EQ(converted(expr::Value(true), "int"), "int 1");
  EXPECT_EQ(converted(expr::Value(), "int"), "int 0");
  EXPECT_EQ(converted(expr::Value("4.2"), "int"),
            "error: unable to cast 4.2 of type string to int");
  EXPECT_EQ(converted(expr::Value(1e30), "int"),
            "error: unable to cast 1e+30 of type float64 to int");
}

TEST(OutputConversion, FloatsAndBools) {
  EXPECT_EQ(converted(expr::Value(int64_t{7}), "float64"), "float64 7");
  EXPECT_EQ(converted(expr::Value("2.5"), "float64"), "float64 2.5");
  EXPECT_EQ(converted(expr::Value("x"), "float64"),
            "error: unable to cast x of type string to float64");
  EXPECT_EQ(converted(expr::Value("T"), "bool"), "bool true");
  EXPECT_EQ(converted(expr::Value("0"), "bool"), "bool false");
  EXPECT_EQ(converted(expr::Value(0.0), "bool"), "bool false");
  EXPECT_EQ(converted(expr::Value("yes"), "bool"),
            "error: unable to cast yes of type string to bool");
}

TEST(OutputConversion, OtherTypesLeaveTheValueAlone) {
  EXPECT_EQ(converted(expr::Value(2.5), "uint"), "float64 2.5");
  EXPECT_EQ(converted(expr::Value("2026-01-15T10:00:00Z"), "datetime"),
            "string 2026-01-15T10:00:00Z");
  EXPECT_EQ(converted(expr::Value(expr::Array{expr::Value("a")}), "[]string"),
            "[]interface {} [a]");
}

}  // namespace
}  // namespace sluice::transforms
