// TextProgram against the evaluator: wherever the compiled text program gives a result, it is
// the string the Program gives; it declines exactly the rows the Program fails on or where
// GlassFlow's quirks give something else than a string from the shapes' usual rules.
#include "expr/text_program.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr/glassflow_functions.h"
#include "expr/program.h"
#include "expr/value_format.h"

namespace sluice::expr {
namespace {

std::shared_ptr<const Program> compile_with(const std::string& source, bool helpers) {
  CompileOptions options;
  if (helpers) options.functions = &glassflow_functions();
  auto compiled = compile(source, options);
  EXPECT_TRUE(compiled.ok()) << source;
  return compiled.ok() ? compiled.value() : nullptr;
}

// Runs `source` both ways with every variable bound to `text`; "declined" or the result, after
// checking that a result is the evaluator's and a decline is not where the evaluator succeeds
// with a string the text program should have produced.
std::string both_ways(const std::string& source, const std::string& text, bool helpers = true) {
  auto program = compile_with(source, helpers);
  if (!program) return "no program";
  auto compiled = TextProgram::compile(*program);
  if (!compiled) return "not compiled";
  Map record;
  std::vector<std::string_view> views;
  for (const std::string& name : program->variables()) {
    record.emplace(name, Value(text));
    views.push_back(text);
  }
  auto expected = program->run(record);
  std::string_view got;
  if (!compiled->run(views, got)) {
    // Declining is right when the evaluator fails or gives a non-string.
    if (expected.ok() && expected.value().kind() == Kind::String)
      ADD_FAILURE() << source << " declined \"" << text << "\" (evaluator: \""
                    << expected.value().as_string() << "\")";
    return "declined";
  }
  EXPECT_TRUE(expected.ok()) << source << " on \"" << text << "\": evaluator failed with "
                             << (expected.ok() ? "" : expected.error().message);
  if (expected.ok()) {
    EXPECT_EQ(expected.value().kind(), Kind::String) << source << " on \"" << text << "\"";
    if (expected.value().kind() == Kind::String) {
      EXPECT_EQ(expected.value().as_string(), got) << source << " on \"" << text << "\"";
    }
  }
  return std::string(got);
}

const std::vector<std::string> kTexts = {
    "",
    "a",
    "Rupert.Nguyen695@Example.COM",
    "a@b@c",
    "@",
    "noat",
    "https://shop.example.com/cart/items?utm_source=JP&ref=9beb",
    "https://shop.example.com",
    "https://shop.example.com/",
    "https://h/a?b?c",
    "?",
    "////",
    "a,b,,c",
    ",",
    "straße ÀÉ Ünïcode@ÉXAMPLE.com",
    "bad \xff bytes@X\xc3",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) FxiOS/121.0 Mobile",
    "MOZILLA/5.0 (LINUX; ANDROID 14) EDG/120",
};

const std::vector<std::string> kShapes = {
    "lower(split(s, '@')[1])",
    "'/' + join(split(split(s, '?')[0], '/')[3:], '/')",
    "lower(parseUserAgent(s, 'browser'))",
    "upper(parseUserAgent(s, 'os')) + lower(upper(parseUserAgent(s, 'device')))",
    "parseUserAgent(s, 'os') + parseUserAgent(s, 'device') + parseUserAgent(s, 'x')",
    "upper(s)",
    "lower(s)",
    "upper(lower(s)) + s",
    "split(s, '/')[0]",
    "split(s, '/')[-1]",
    "split(s, '/')[-3]",
    "split(s, '//')[1]",
    "split(s, ',')[2]",
    "join(split(s, ','), '-')",
    "join(split(s, ','), ',')",
    "join(split(s, ',')[1:-1], ' | ')",
    "join(split(s, ',')[-2:], '')",
    "join(split(s, ',')[5:2], ',')",
    "join(split(s, '/')[:2], '/')",
    "join(split(s, '/')[-99:99], '/')",
    "join(split(s, '/')[:], '+')",
    "join(split(s, '//')[1:], '//')",
};

TEST(TextProgram, AgreesWithTheEvaluatorOnEveryShapeAndInput) {
  for (const std::string& shape : kShapes) {
    for (const std::string& text : kTexts) {
      both_ways(shape, text);
      both_ways(shape, text, false);  // the builtins where they exist
    }
  }
}

TEST(TextProgram, GivesTheW4Results) {
  EXPECT_EQ(both_ways("lower(split(s, '@')[1])", "Rupert.Nguyen695@Example.COM"), "example.com");
  EXPECT_EQ(both_ways("'/' + join(split(split(s, '?')[0], '/')[3:], '/')",
                      "https://shop.example.com/cart/items?utm_source=JP"),
            "/cart/items");
  EXPECT_EQ(both_ways("'/' + join(split(split(s, '?')[0], '/')[3:], '/')", "https://h"), "/");
  EXPECT_EQ(both_ways("lower(parseUserAgent(s, 'browser'))", kTexts[16]), "chrome");
  EXPECT_EQ(both_ways("lower(parseUserAgent(s, 'browser'))", kTexts[18]), "edge");
  EXPECT_EQ(both_ways("upper(s)", "straße àb"), "STRAßE ÀB");
  EXPECT_EQ(both_ways("lower(s)", "bad \xff"), "bad \xEF\xBF\xBD");
}

TEST(TextProgram, DeclinesWhereTheEvaluatorFailsOrQuirks) {
  EXPECT_EQ(both_ways("split(s, '@')[1]", "noat"), "declined");  // index out of range
  EXPECT_EQ(both_ways("split(s, '/')[-3]", "a/b"), "declined");
  EXPECT_EQ(both_ways("split(s, '@')[0]", ""), "declined");      // GlassFlow: split("") is ""
  EXPECT_EQ(both_ways("split(s, '@')[0]", "", false), "");       // the builtin: [""]
  EXPECT_EQ(both_ways("join(split(s, '/')[1:], '/')", ""), "");  // "" sliced and joined is ""
}

TEST(TextProgram, CompilesOnlyItsShapes) {
  for (const char* source :
       {"split(s, '')[0]", "split(s, ',')[n]", "join(split(s, ','), sep)", "upper(s)[1:]",
        "s ?? 'x'", "split(s, ',')", "len(s)", "split(s, ',')[1.5]", "parseUserAgent(s, part)",
        "s?.x", "$env.s", "string(s)", "s + 1", "join(split(s, ','))"}) {
    auto program = compile_with(source, true);
    ASSERT_TRUE(program);
    EXPECT_EQ(TextProgram::compile(*program), nullptr) << source;
  }
  auto builtin = compile_with("join(split(s, ','))", false);  // the builtin's default separator
  ASSERT_TRUE(builtin);
  EXPECT_NE(TextProgram::compile(*builtin), nullptr);
}

}  // namespace
}  // namespace sluice::expr
