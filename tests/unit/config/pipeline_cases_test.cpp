// Data-driven pipeline file cases: adding a case is adding files, never C++.
//
//   tests/data/config/invalid/<case>.{yaml,yml,json} + <case>.expected
//       must fail to load; .expected holds the exact errors, one Diagnostic::to_string() per
//       line, with the bare file name as origin.
//   tests/data/config/reference/<case>.{yaml,json} [+ <case>.expected]
//       the reference system's example shapes (dedup, join, filter, stateless): must load;
//       an optional .expected holds the exact warnings.
//   tests/data/config/valid/<case>.{yaml,yml,json} [+ <case>.expected]
//       must load; an optional .expected holds the exact warnings.
//
// Run with SLUICE_UPDATE_EXPECTED=1 to (re)write the .expected files from the actual output;
// review the diff before committing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "config/pipeline_loader.h"
#include "config/runtime_support.h"

namespace sluice::config {
namespace {

namespace fs = std::filesystem;

const fs::path kDataDir = fs::path(SLUICE_SOURCE_DIR) / "tests" / "data" / "config";

struct PipelineCase {
  fs::path file;
  bool expect_valid;
};

void PrintTo(const PipelineCase& pipeline_case, std::ostream* out) {
  *out << pipeline_case.file.string();
}

std::vector<PipelineCase> cases_in(const std::string& subdir, bool expect_valid) {
  std::vector<PipelineCase> out;
  const fs::path dir = kDataDir / subdir;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".yaml" || ext == ".yml" || ext == ".json")
      out.push_back({entry.path(), expect_valid});
  }
  std::sort(out.begin(), out.end(),
            [](const PipelineCase& a, const PipelineCase& b) { return a.file < b.file; });
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string render(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics) out += diagnostic.to_string() + "\n";
  return out;
}

std::string case_name(const testing::TestParamInfo<PipelineCase>& info) {
  std::string name =
      info.param.file.parent_path().filename().string() + "_" + info.param.file.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class PipelineCaseTest : public testing::TestWithParam<PipelineCase> {};

TEST_P(PipelineCaseTest, MatchesExpectedOutput) {
  const PipelineCase& param = GetParam();
  const LoadResult result =
      load_pipeline_text(read_file(param.file), param.file.filename().string());
  const std::string actual = render(param.expect_valid ? result.warnings : result.errors);
  fs::path expected_file = param.file;
  expected_file.replace_extension(".expected");

  if (std::getenv("SLUICE_UPDATE_EXPECTED") != nullptr &&
      (!actual.empty() || fs::exists(expected_file))) {
    std::ofstream(expected_file, std::ios::binary) << actual;
  }
  if (param.expect_valid) {
    EXPECT_TRUE(result.pipeline.has_value()) << render(result.errors);
    EXPECT_EQ(result.errors.size(), 0u);
    const std::string expected = fs::exists(expected_file) ? read_file(expected_file) : "";
    EXPECT_EQ(actual, expected) << "warnings differ for " << param.file;
  } else {
    EXPECT_FALSE(result.pipeline.has_value());
    ASSERT_TRUE(fs::exists(expected_file)) << "missing " << expected_file << "; actual:\n"
                                           << actual;
    EXPECT_EQ(actual, read_file(expected_file)) << "errors differ for " << param.file;
  }
}

INSTANTIATE_TEST_SUITE_P(Invalid, PipelineCaseTest, testing::ValuesIn(cases_in("invalid", false)),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Reference, PipelineCaseTest,
                         testing::ValuesIn(cases_in("reference", true)), case_name);
INSTANTIATE_TEST_SUITE_P(Valid, PipelineCaseTest, testing::ValuesIn(cases_in("valid", true)),
                         case_name);

TEST(PipelineCaseData, EnoughInvalidCases) {
  EXPECT_GE(cases_in("invalid", false).size(), 20u);
  EXPECT_GE(cases_in("reference", false).size(), 4u);
}

// The reference examples load, and `sluice run` runs every one of them: dedup, filter, stateless
// and the joins (their sources read different topics).
TEST(PipelineCaseData, ReferenceExamplesLoadAndRun) {
  size_t joins = 0;
  for (const PipelineCase& reference : cases_in("reference", true)) {
    const LoadResult result =
        load_pipeline_text(read_file(reference.file), reference.file.filename().string());
    ASSERT_TRUE(result.pipeline.has_value()) << reference.file << "\n" << render(result.errors);
    const Pipeline& p = *result.pipeline;
    std::vector<std::string> refused;
    for (const Diagnostic& d : unsupported_at_runtime(p))
      refused.push_back(d.path + ": " + d.message);
    EXPECT_EQ(refused, std::vector<std::string>{}) << reference.file;
    joins += p.join.enabled;
  }
  EXPECT_GE(joins, 1u) << "a reference example has a join";
}

TEST(PipelineCaseData, AJoinOfOneTopicWithItselfIsRefusedAtRuntime) {
  for (const PipelineCase& reference : cases_in("reference", true)) {
    const LoadResult result =
        load_pipeline_text(read_file(reference.file), reference.file.filename().string());
    ASSERT_TRUE(result.pipeline.has_value());
    Pipeline p = *result.pipeline;
    if (!p.join.enabled) continue;
    p.sources[1].topic = p.sources[0].topic;
    const auto refused = unsupported_at_runtime(p);
    ASSERT_EQ(refused.size(), 1u) << reference.file;
    EXPECT_EQ(refused[0].path, "sources[1].topic");
    EXPECT_NE(refused[0].message.find("both sources of the join read topic"), std::string::npos);
    return;
  }
  FAIL() << "no reference example has a join";
}

TEST(PipelineCaseData, ValidExamplesWithoutTransformsCanRun) {
  for (const PipelineCase& valid : cases_in("valid", true)) {
    const LoadResult result =
        load_pipeline_text(read_file(valid.file), valid.file.filename().string());
    ASSERT_TRUE(result.pipeline.has_value()) << valid.file;
    if (result.pipeline->transforms.empty() && !result.pipeline->join.enabled) {
      EXPECT_TRUE(unsupported_at_runtime(*result.pipeline).empty()) << valid.file;
    }
  }
}

}  // namespace
}  // namespace sluice::config
