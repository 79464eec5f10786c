// expr-lang.md §6 conformance vectors, read from tests/data/expr/conformance.txt: adding a
// vector is adding a block there, never C++.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "expr/program.h"
#include "expr/value_format.h"
#include "value_repr.h"

namespace sluice::expr {
namespace {

struct Vector {
  std::string id, env, expr, want;
};

void PrintTo(const Vector& v, std::ostream* out) {
  *out << v.id << ": " << v.expr;
}

std::vector<Vector> load_vectors() {
  const auto path =
      std::filesystem::path(SLUICE_SOURCE_DIR) / "tests" / "data" / "expr" / "conformance.txt";
  std::ifstream in(path);
  std::vector<Vector> out;
  Vector current;
  std::string line;
  auto field = [&](const std::string& key, std::string& into) {
    if (line.rfind(key, 0) != 0) return false;
    into = line.substr(key.size());
    return true;
  };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (field("id: ", current.id) || field("env: ", current.env) || field("expr: ", current.expr)) {
      continue;
    }
    if (field("want: ", current.want)) {
      out.push_back(current);
      current = {};
    }
  }
  return out;
}

class ConformanceTest : public ::testing::TestWithParam<Vector> {};

TEST_P(ConformanceTest, MatchesUpstream) {
  const Vector& v = GetParam();
  CompileOptions options;
  Map record;
  if (v.env != "-") {
    ASSERT_GE(v.env.size(), 3u);
    std::string error;
    auto parsed = from_json(v.env.substr(1), error);
    ASSERT_TRUE(parsed.has_value()) << error;
    record = parsed->as_map();
    if (v.env[0] == 'T') {
      options.mode = Mode::Typed;
      for (const auto& [name, value] : record) options.env.emplace(name, type_of(value));
    }
  }
  auto compiled = compile(v.expr, options);
  const bool want_ce = v.want.rfind("CE", 0) == 0;
  const bool want_re = v.want.rfind("RE", 0) == 0;
  auto check_message = [&](const std::string& message) {
    std::string expected = v.want.size() > 3 ? v.want.substr(3) : "";
    if (!expected.empty() && expected[0] == '~') {
      EXPECT_NE(message.find(expected.substr(1)), std::string::npos) << message;
    } else {
      EXPECT_EQ(message.substr(0, expected.size()), expected) << message;
    }
  };
  if (want_ce) {
    ASSERT_FALSE(compiled.ok()) << "compiled; expected " << v.want;
    check_message(compiled.error().message);
    return;
  }
  ASSERT_TRUE(compiled.ok()) << compiled.error().formatted;
  auto result = compiled.value()->run(record);
  if (want_re) {
    ASSERT_FALSE(result.ok()) << "ran to " << testing::repr(result.value());
    check_message(result.error().message);
    return;
  }
  ASSERT_TRUE(result.ok()) << result.error().formatted;
  EXPECT_EQ(testing::repr(result.value()), v.want);
}

std::string vector_name(const ::testing::TestParamInfo<Vector>& info) {
  return "v" + info.param.id;
}

INSTANTIATE_TEST_SUITE_P(ExprLang, ConformanceTest, ::testing::ValuesIn(load_vectors()),
                         vector_name);

TEST(ConformanceData, HasEveryVector) {
  // §6 numbers its vectors 1..104; several have more than one expression.
  std::vector<bool> seen(105, false);
  for (const Vector& v : load_vectors()) seen[static_cast<size_t>(std::stoi(v.id))] = true;
  for (size_t i = 1; i <= 104; ++i) EXPECT_TRUE(seen[i]) << "vector " << i << " missing";
}

}  // namespace
}  // namespace sluice::expr
