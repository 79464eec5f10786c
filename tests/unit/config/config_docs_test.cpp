// docs/configuration.md is generated from the field tables; the provider examples and the V2
// migration output must load; the model holds every V3 section.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/node_writer.h"
#include "config/pipeline_loader.h"
#include "config/reference_doc.h"

namespace sluice::config {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

TEST(ReferenceDoc, DocsConfigurationMdIsTheGeneratedReference) {
  const fs::path doc = fs::path(SLUICE_SOURCE_DIR) / "docs" / "configuration.md";
  const std::string generated = pipeline_reference_markdown();
  if (std::getenv("SLUICE_UPDATE_EXPECTED") != nullptr) {
    std::ofstream(doc, std::ios::binary) << generated;
  }
  EXPECT_EQ(read_file(doc), generated)
      << "docs/configuration.md differs from the field tables in src/config/pipeline_spec.cpp. "
         "Regenerate it with: SLUICE_UPDATE_EXPECTED=1 build/tests/sluice_config_unit_tests "
         "--gtest_filter='ReferenceDoc.*' and review the diff";
}

TEST(ReferenceDoc, EveryObjectOfTheFormatIsDocumented) {
  const std::string doc = pipeline_reference_markdown();
  for (const char* section :
       {"## `transforms[]`", "## `transforms[].config (dedup)`", "## `join`",
        "## `join.output_fields[]`", "## `sink.connection_params`", "`librdkafka`", "`ca_file`",
        "`kerberos_keytab`", "--from-timestamp"}) {
    EXPECT_NE(doc.find(section), std::string::npos) << section;
  }
}

TEST(ProviderExamples, EachPassesValidation) {
  const fs::path dir = fs::path(SLUICE_SOURCE_DIR) / "examples" / "providers";
  size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const LoadResult result = load_pipeline_file(entry.path().string());
    EXPECT_TRUE(result.pipeline.has_value()) << entry.path();
    for (const Diagnostic& d : result.errors) ADD_FAILURE() << d.to_string();
    for (const Diagnostic& d : result.warnings) ADD_FAILURE() << "warning: " << d.to_string();
    ++count;
  }
  EXPECT_GE(count, 6u);
}

TEST(Migration, V2OutputLoadsAsTheSamePipelineInJsonAndYaml) {
  for (const char* name : {"v2-dedup-filter-stateless.json", "v2-join.yaml"}) {
    const std::string path =
        (fs::path(SLUICE_SOURCE_DIR) / "tests" / "data" / "config" / "valid" / name).string();
    const MigrationResult migrated = migrate_pipeline_file(path);
    ASSERT_TRUE(migrated.document.has_value()) << name;
    EXPECT_TRUE(migrated.was_v2);
    EXPECT_TRUE(migrated.errors.empty()) << migrated.errors[0].to_string();
    const LoadResult direct = load_pipeline_file(path);
    ASSERT_TRUE(direct.pipeline.has_value()) << name;
    const LoadResult from_json = load_pipeline_text(to_json(*migrated.document, 2), "m.json");
    const LoadResult from_yaml = load_pipeline_text(to_yaml(*migrated.document), "m.yaml");
    ASSERT_TRUE(from_json.pipeline.has_value()) << to_json(*migrated.document, 2);
    ASSERT_TRUE(from_yaml.pipeline.has_value()) << to_yaml(*migrated.document);
    EXPECT_TRUE(from_json.warnings.empty());
    EXPECT_EQ(*from_json.pipeline, *direct.pipeline) << name;
    EXPECT_EQ(*from_yaml.pipeline, *direct.pipeline) << name;
  }
}

TEST(Migration, V2DetailsAreConverted) {
  const LoadResult result = load_pipeline_file(
      (fs::path(SLUICE_SOURCE_DIR) / "tests/data/config/valid/v2-dedup-filter-stateless.json")
          .string());
  ASSERT_TRUE(result.pipeline.has_value());
  const Pipeline& p = *result.pipeline;
  EXPECT_EQ(p.sink.connection.password, "secret");  // base64 in V2
  ASSERT_EQ(p.transforms.size(), 3u);
  EXPECT_EQ(p.transforms[0].type, TransformType::Dedup);
  EXPECT_EQ(p.transforms[0].dedup.key, "order_id");
  EXPECT_EQ(p.transforms[0].dedup.time_window, std::chrono::hours(1));
  EXPECT_EQ(p.transforms[1].filter.expression, "!(amount < 1)");
  EXPECT_EQ(p.transforms[2].stateless.transforms.size(), 2u);
  EXPECT_EQ(p.resources, R"({"nats":{"stream":{"maxAge":"24h"}}})");
}

TEST(Model, JoinAndTransformsAreRead) {
  const LoadResult result = load_pipeline_file(
      (fs::path(SLUICE_SOURCE_DIR) / "tests/data/config/reference/join.json").string());
  ASSERT_TRUE(result.pipeline.has_value());
  const JoinConfig& join = result.pipeline->join;
  EXPECT_TRUE(join.enabled);
  EXPECT_EQ(join.type, "temporal");
  EXPECT_EQ(join.left.source_id, "orders");
  EXPECT_EQ(join.right.key, "user_id");
  EXPECT_EQ(join.right.time_window, std::chrono::hours(1));
  ASSERT_EQ(join.output_fields.size(), 5u);
  EXPECT_EQ(join.output_fields[0].output_name, "order_id");  // defaults to name
  EXPECT_EQ(join.output_fields[2].output_name, "ordered_at");
}

TEST(Model, SinkExtensionsAndLibrdkafkaExtras) {
  const LoadResult result = load_pipeline_text(R"(
pipeline_id: events-pipeline
sources:
  - type: kafka
    source_id: events
    connection_params:
      brokers: [kafka:9092]
      librdkafka: { session.timeout.ms: 6000, client.rack: az1 }
    topic: events
    schema_fields: [{ name: id, type: string }]
sink:
  connection_params: { host: ch, protocol: HTTP, ca_file: /etc/ssl/ca.pem, secure: true }
  table: events
  mapping: [{ name: id, column_name: id, column_type: String }]
)",
                                               "x.yaml");
  ASSERT_TRUE(result.pipeline.has_value()) << result.errors[0].to_string();
  const Pipeline& p = *result.pipeline;
  EXPECT_EQ(p.sources[0].connection.librdkafka,
            (std::vector<std::pair<std::string, std::string>>{{"session.timeout.ms", "6000"},
                                                              {"client.rack", "az1"}}));
  EXPECT_EQ(p.sink.connection.protocol, ClickHouseProtocol::Http);
  EXPECT_EQ(p.sink.connection.ca_file, "/etc/ssl/ca.pem");
}

}  // namespace
}  // namespace sluice::config
