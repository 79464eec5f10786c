#include "native/type_parser.h"

#include <gtest/gtest.h>

namespace sluice::native {
namespace {

TypeDesc parse_ok(std::string_view text) {
  Result<TypeDesc> r = parse_type(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? r.value() : TypeDesc{};
}

std::string parse_error(std::string_view text) {
  Result<TypeDesc> r = parse_type(text);
  EXPECT_FALSE(r.ok()) << text << " parsed as " << (r.ok() ? r.value().name : "");
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code(), ErrorCode::InvalidArgument);
  return r.error().message();
}

TEST(TypeParser, SimpleTypes) {
  const std::pair<const char*, TypeKind> cases[] = {
      {"String", TypeKind::String},     {"Int8", TypeKind::Int8},
      {"Int16", TypeKind::Int16},       {"Int32", TypeKind::Int32},
      {"Int64", TypeKind::Int64},       {"Int128", TypeKind::Int128},
      {"Int256", TypeKind::Int256},     {"UInt8", TypeKind::UInt8},
      {"UInt16", TypeKind::UInt16},     {"UInt32", TypeKind::UInt32},
      {"UInt64", TypeKind::UInt64},     {"UInt128", TypeKind::UInt128},
      {"UInt256", TypeKind::UInt256},   {"Float32", TypeKind::Float32},
      {"Float64", TypeKind::Float64},   {"Bool", TypeKind::Bool},
      {"Date", TypeKind::Date},         {"Date32", TypeKind::Date32},
      {"DateTime", TypeKind::DateTime}, {"UUID", TypeKind::UUID},
      {"IPv4", TypeKind::IPv4},         {"IPv6", TypeKind::IPv6},
  };
  for (const auto& [text, kind] : cases) {
    TypeDesc t = parse_ok(text);
    EXPECT_EQ(t.kind, kind) << text;
    EXPECT_EQ(t.name, text);
    EXPECT_TRUE(t.children.empty());
  }
}

TEST(TypeParser, Parameters) {
  TypeDesc fs = parse_ok("FixedString(16)");
  EXPECT_EQ(fs.kind, TypeKind::FixedString);
  EXPECT_EQ(fs.length, 16u);

  TypeDesc d = parse_ok("Decimal( 18 ,4 )");
  EXPECT_EQ(d.kind, TypeKind::Decimal);
  EXPECT_EQ(d.precision, 18u);
  EXPECT_EQ(d.scale, 4u);
  EXPECT_EQ(d.name, "Decimal(18, 4)");
  EXPECT_EQ(parse_ok("Decimal32(2)").name, "Decimal(9, 2)");
  EXPECT_EQ(parse_ok("Decimal64(6)").name, "Decimal(18, 6)");
  EXPECT_EQ(parse_ok("Decimal128(10)").name, "Decimal(38, 10)");
  EXPECT_EQ(parse_ok("Decimal256(20)").name, "Decimal(76, 20)");
  EXPECT_EQ(parse_ok("Decimal(5)").name, "Decimal(5, 0)");
  EXPECT_EQ(parse_ok("Decimal").name, "Decimal(10, 0)");

  TypeDesc tz = parse_ok("DateTime('Europe/Berlin')");
  EXPECT_EQ(tz.kind, TypeKind::DateTime);
  EXPECT_EQ(tz.timezone, "Europe/Berlin");
  EXPECT_EQ(tz.name, "DateTime('Europe/Berlin')");

  TypeDesc dt64 = parse_ok("DateTime64(3)");
  EXPECT_EQ(dt64.kind, TypeKind::DateTime64);
  EXPECT_EQ(dt64.precision, 3u);
  EXPECT_EQ(dt64.timezone, "");
  TypeDesc dt64tz = parse_ok("DateTime64(6, 'UTC')");
  EXPECT_EQ(dt64tz.precision, 6u);
  EXPECT_EQ(dt64tz.timezone, "UTC");
  EXPECT_EQ(dt64tz.name, "DateTime64(6, 'UTC')");
}

TEST(TypeParser, Enums) {
  TypeDesc e = parse_ok("Enum8('a' = 1, 'b c'=-2,'it\\'s' = 3)");
  EXPECT_EQ(e.kind, TypeKind::Enum8);
  ASSERT_EQ(e.enum_values.size(), 3u);
  EXPECT_EQ(e.enum_values[0].name, "a");
  EXPECT_EQ(e.enum_values[0].value, 1);
  EXPECT_EQ(e.enum_values[1].name, "b c");
  EXPECT_EQ(e.enum_values[1].value, -2);
  EXPECT_EQ(e.enum_values[2].name, "it's");
  EXPECT_EQ(e.name, "Enum8('a' = 1, 'b c' = -2, 'it\\'s' = 3)");
  TypeDesc e16 = parse_ok("Enum16('x' = 1000)");
  EXPECT_EQ(e16.kind, TypeKind::Enum16);
  EXPECT_EQ(e16.enum_values[0].value, 1000);
}

TEST(TypeParser, Composites) {
  TypeDesc a = parse_ok(" Array( Nullable( String ) ) ");
  EXPECT_EQ(a.kind, TypeKind::Array);
  EXPECT_EQ(a.name, "Array(Nullable(String))");
  ASSERT_EQ(a.children.size(), 1u);
  EXPECT_EQ(a.children[0].kind, TypeKind::Nullable);
  EXPECT_EQ(a.children[0].children[0].kind, TypeKind::String);

  EXPECT_EQ(parse_ok("Array(Array(UInt8))").children[0].children[0].kind, TypeKind::UInt8);
  EXPECT_EQ(parse_ok("LowCardinality(Nullable(String))").name, "LowCardinality(Nullable(String))");

  TypeDesc m = parse_ok("Map(String,Array(UInt8))");
  EXPECT_EQ(m.kind, TypeKind::Map);
  EXPECT_EQ(m.name, "Map(String, Array(UInt8))");
  ASSERT_EQ(m.children.size(), 2u);

  TypeDesc t = parse_ok("Tuple(UInt8, String)");
  EXPECT_EQ(t.kind, TypeKind::Tuple);
  EXPECT_TRUE(t.element_names.empty());
  EXPECT_EQ(t.name, "Tuple(UInt8, String)");

  TypeDesc named = parse_ok("Tuple(a UInt8, b Nullable(String), c DateTime('UTC'))");
  ASSERT_EQ(named.element_names.size(), 3u);
  EXPECT_EQ(named.element_names[1], "b");
  EXPECT_EQ(named.children[1].kind, TypeKind::Nullable);
  EXPECT_EQ(named.name, "Tuple(a UInt8, b Nullable(String), c DateTime('UTC'))");
}

TEST(TypeParser, Errors) {
  EXPECT_EQ(parse_error("Strng"), "unknown type \"Strng\" at position 0");
  EXPECT_EQ(parse_error("Array(Strng)"), "unknown type \"Strng\" at position 6");
  EXPECT_EQ(parse_error(""), "expected a type name but the type ends at position 0");
  EXPECT_EQ(parse_error("Array(String"), "expected \")\" but the type ends at position 12");
  EXPECT_EQ(parse_error("String)"), "unexpected \")\" at position 6");
  EXPECT_EQ(parse_error("String(3)"), "type String takes no parameters at position 6");
  EXPECT_EQ(parse_error("FixedString(0)"),
            "FixedString length must be between 1 and 16777215 at position 12");
  EXPECT_EQ(parse_error("FixedString(x)"), "expected an integer at position 12");
  EXPECT_EQ(parse_error("Decimal(10, 11)"),
            "Decimal scale 11 is not between 0 and the precision 10 at position 8");
  EXPECT_EQ(parse_error("Decimal(77, 1)"),
            "Decimal precision 77 is not between 1 and 76 at position 8");
  EXPECT_EQ(parse_error("DateTime64(10)"),
            "DateTime64 precision 10 is not between 0 and 9 at position 11");
  EXPECT_EQ(parse_error("DateTime('UTC)"), "unterminated string at position 9");
  EXPECT_EQ(parse_error("Enum8('a' = 200)"), "enum value 200 does not fit Enum8 at position 12");
  EXPECT_EQ(parse_error("Enum8('a' = 1, 'a' = 2)"), "duplicate enum entry 'a' = 2 at position 15");
  EXPECT_EQ(parse_error("Enum8('a')"), "expected \"=\" but found \")\" at position 9");
  EXPECT_EQ(parse_error("Nullable(Array(String))"),
            "Array(String) cannot be inside Nullable at position 9");
  EXPECT_EQ(parse_error("LowCardinality(Array(String))"),
            "Array(String) cannot be inside LowCardinality at position 15");
  EXPECT_EQ(parse_error("Map(String)"), "expected \",\" but found \")\" at position 10");
  EXPECT_EQ(parse_error("Tuple(a UInt8, String)"),
            "mixing named and unnamed Tuple elements at position 15");
}

}  // namespace
}  // namespace sluice::native
