#include "config/pipeline_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "config/reference_doc.h"

namespace sluice::config {
namespace {

const std::string kSourceDir = SLUICE_SOURCE_DIR;

std::string errors_of(const LoadResult& result) {
  std::string out;
  for (const Diagnostic& error : result.errors) out += error.to_string() + "\n";
  return out;
}

Pipeline load_ok(const std::string& path) {
  LoadResult result = load_pipeline_file(path);
  EXPECT_TRUE(result.pipeline.has_value()) << errors_of(result);
  return result.pipeline.value_or(Pipeline{});
}

TEST(PipelineLoader, W1ExampleLoads) {
  const Pipeline p = load_ok(kSourceDir + "/examples/w1-telemetry.yaml");
  ASSERT_EQ(p.sources.size(), 1u);
  const KafkaSource& source = p.sources[0];
  EXPECT_EQ(source.topic, "w1");
  EXPECT_EQ(source.connection.brokers, std::vector<std::string>{"127.0.0.1:9092"});
  EXPECT_EQ(source.schema_fields.size(), 38u);
  EXPECT_EQ(p.sink.mapping.size(), 38u);
  EXPECT_EQ(p.sink.table, "w1");
  EXPECT_EQ(p.sink.connection.host, "127.0.0.1");
  EXPECT_EQ(p.sink.connection.port, 19000);
  EXPECT_EQ(p.sink.connection.database, "default");
  EXPECT_EQ(source.schema_fields[0], (SchemaField{"timestamp", FieldType::DateTime, "datetime"}));
  bool saw_dotted = false;
  for (const MappingEntry& entry : p.sink.mapping) {
    if (entry.name == "container.image.name") {
      saw_dotted = true;
      EXPECT_EQ(entry.column_name, "container_image_name");
    }
    if (entry.name == "tags") {
      EXPECT_EQ(entry.column_type, "Array(String)");
    }
    if (entry.name == "modified_timestamp") {
      EXPECT_EQ(entry.column_type, "UInt8");
    }
  }
  EXPECT_TRUE(saw_dotted);
}

TEST(PipelineLoader, QuickstartExampleLoads) {
  const Pipeline p = load_ok(kSourceDir + "/examples/quickstart.yaml");
  ASSERT_EQ(p.sources.size(), 1u);
  EXPECT_EQ(p.sources[0].topic, "events");
  EXPECT_EQ(p.sink.table, "events");
  EXPECT_EQ(consumer_group_name(p), "sluice-quickstart-events");
}

TEST(PipelineLoader, JsonAndYamlGiveEqualModels) {
  const Pipeline from_yaml = load_ok(kSourceDir + "/tests/data/config/valid/full.yaml");
  const Pipeline from_json = load_ok(kSourceDir + "/tests/data/config/valid/full.json");
  EXPECT_EQ(from_yaml, from_json);
  // And the values are the normalised ones.
  const KafkaSource& source = from_json.sources[0];
  EXPECT_EQ(source.type, "kafka");
  EXPECT_EQ(source.initial_offset, InitialOffset::Earliest);
  EXPECT_EQ(source.connection.brokers,
            (std::vector<std::string>{"broker-1:9093", "broker-2:9093"}));
  EXPECT_EQ(
      source.connection.root_ca,
      "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUFAKEFAKEFAKE\n-----END CERTIFICATE-----");
  EXPECT_EQ(from_json.sink.connection.port, 9440);
  EXPECT_EQ(from_json.sink.connection.http_port, 8443);
  EXPECT_EQ(from_json.sink.max_delay_time, std::chrono::seconds(90));
  EXPECT_EQ(from_json.sink.max_batch_size, 5000u);
  EXPECT_EQ(from_json.tags, (std::vector<std::string>{"orders", "prod"}));
}

TEST(PipelineLoader, DefaultsApplied) {
  const Pipeline p = load_ok(kSourceDir + "/tests/data/config/valid/minimal.yaml");
  EXPECT_EQ(p.version, "v3");
  EXPECT_EQ(p.name, "");
  ASSERT_EQ(p.sources.size(), 1u);
  const KafkaSource& source = p.sources[0];
  EXPECT_EQ(source.initial_offset, InitialOffset::Latest);
  EXPECT_EQ(source.connection.protocol, "PLAINTEXT");
  EXPECT_EQ(source.connection.mechanism, "NO_AUTH");
  EXPECT_FALSE(source.connection.skip_tls_verification);
  EXPECT_EQ(p.sink.type, "clickhouse");
  EXPECT_EQ(p.sink.connection.port, 9000);
  EXPECT_EQ(p.sink.connection.http_port, 8123);
  EXPECT_EQ(p.sink.connection.database, "default");
  EXPECT_EQ(p.sink.connection.username, "default");
  EXPECT_EQ(p.sink.connection.password, "");
  EXPECT_FALSE(p.sink.connection.secure);
  EXPECT_EQ(p.sink.max_batch_size, 1000u);
  EXPECT_EQ(p.sink.max_delay_time, std::chrono::seconds(60));
}

std::string with_offset(const std::string& offset_line) {
  return "pipeline_id: offsets-test\n"
         "sources:\n"
         "  - type: kafka\n"
         "    source_id: s\n"
         "    connection_params: {brokers: [k:9092]}\n"
         "    topic: t\n" +
         offset_line +
         "    schema_fields: [{name: a, type: string}]\n"
         "sink:\n"
         "  connection_params: {host: ch}\n"
         "  table: t\n"
         "  mapping: [{name: a, column_name: a, column_type: String}]\n";
}

TEST(PipelineLoader, InitialOffsetIgnoresCase) {
  for (const char* spelling : {"earliest", "EARLIEST", "Earliest"}) {
    LoadResult result = load_pipeline_text(
        with_offset(std::string("    consumer_group_initial_offset: ") + spelling + "\n"),
        "t.yaml");
    ASSERT_TRUE(result.pipeline) << errors_of(result);
    EXPECT_EQ(result.pipeline->sources[0].initial_offset, InitialOffset::Earliest) << spelling;
  }
  for (const char* spelling : {"latest", "LATEST", "\"Latest\""}) {
    LoadResult result = load_pipeline_text(
        with_offset(std::string("    consumer_group_initial_offset: ") + spelling + "\n"),
        "t.yaml");
    ASSERT_TRUE(result.pipeline) << errors_of(result);
    EXPECT_EQ(result.pipeline->sources[0].initial_offset, InitialOffset::Latest) << spelling;
  }
  LoadResult omitted = load_pipeline_text(with_offset(""), "t.yaml");
  ASSERT_TRUE(omitted.pipeline) << errors_of(omitted);
  EXPECT_EQ(omitted.pipeline->sources[0].initial_offset, InitialOffset::Latest);
}

TEST(PipelineLoader, YamlPlainScalarsAreReadAsTheUserMeantThem) {
  const Pipeline p = load_ok(kSourceDir + "/tests/data/config/valid/yaml-spellings.yaml");
  EXPECT_EQ(p.version, "v3");
  EXPECT_EQ(p.name, "2024");
  ASSERT_EQ(p.sources.size(), 1u);
  EXPECT_EQ(p.sources[0].type, "kafka");
  EXPECT_EQ(p.sources[0].topic, "2024");
  EXPECT_EQ(p.sources[0].connection.password, "12345");
  EXPECT_EQ(p.sources[0].schema_fields[0],
            (SchemaField{"@timestamp", FieldType::DateTime, "DateTime"}));
  EXPECT_EQ(p.sources[0].schema_fields[1].type, FieldType::Int);
  EXPECT_EQ(p.sink.type, "clickhouse");
  EXPECT_EQ(p.sink.connection.host, "ch");
  EXPECT_TRUE(p.sink.connection.secure);
  EXPECT_FALSE(p.sink.connection.skip_certificate_verification);
  EXPECT_EQ(p.sink.max_delay_time, std::chrono::hours(24));
}

TEST(PipelineLoader, FieldTypesNormalise) {
  const std::string text = R"({"pipeline_id": "types-test", "sources": [{"type": "kafka",
    "source_id": "s", "connection_params": {"brokers": ["k:9092"]}, "topic": "t",
    "schema_fields": [{"name": "a", "type": "bytes"}, {"name": "b", "type": "integer"},
      {"name": "c", "type": "uint8"}, {"name": "d", "type": "number"}, {"name": "e", "type": "bool"},
      {"name": "f", "type": "array"}, {"name": "g", "type": "map"}, {"name": "h", "type": "datetime"}]}],
    "sink": {"connection_params": {"host": "ch"}, "table": "t",
      "mapping": [{"name": "a", "column_name": "a", "column_type": "String"}]}})";
  LoadResult result = load_pipeline_text(text, "types.json");
  ASSERT_TRUE(result.pipeline) << errors_of(result);
  std::vector<FieldType> types;
  for (const SchemaField& field : result.pipeline->sources[0].schema_fields)
    types.push_back(field.type);
  EXPECT_EQ(types, (std::vector<FieldType>{FieldType::String, FieldType::Int, FieldType::UInt,
                                           FieldType::Float, FieldType::Bool, FieldType::Array,
                                           FieldType::Map, FieldType::DateTime}));
}

TEST(PipelineLoader, MissingFileIsOneError) {
  LoadResult result = load_pipeline_file("/nonexistent/pipeline.yaml");
  EXPECT_FALSE(result.pipeline);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(),
            "/nonexistent/pipeline.yaml: cannot open the file: No such file or directory "
            "(hint: check the path and the file's permissions)");
}

TEST(PipelineLoader, ErrorsComeInDocumentOrder) {
  LoadResult result = load_pipeline_text(
      "sink: {table: \"\", connection_params: {host: ch}, mapping: []}\n"
      "pipeline_id: Bad_Id\n"
      "sources: []\n",
      "order.yaml");
  ASSERT_GE(result.errors.size(), 3u);
  for (size_t i = 1; i < result.errors.size(); ++i) {
    const Diagnostic& a = result.errors[i - 1];
    const Diagnostic& b = result.errors[i];
    EXPECT_TRUE(a.line < b.line || (a.line == b.line && a.column <= b.column)) << errors_of(result);
  }
}

TEST(Diagnostic, ToStringLeavesOutUnknownParts) {
  Diagnostic full{"sources[0].connection_params.protocol",
                  "\"SASL_SSl\" is not one of PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL",
                  "did you mean \"SASL_SSL\"?",
                  12,
                  5,
                  "pipeline.yaml"};
  EXPECT_EQ(full.to_string(),
            "pipeline.yaml:12:5: sources[0].connection_params.protocol: \"SASL_SSl\" is not one of "
            "PLAINTEXT, SASL_PLAINTEXT, SSL, SASL_SSL (hint: did you mean \"SASL_SSL\"?)");
  Diagnostic bare{"", "the file holds no pipeline", "", 0, 0, "x.yaml"};
  EXPECT_EQ(bare.to_string(), "x.yaml: the file holds no pipeline");
}

TEST(ReferenceDoc, ListsEveryKey) {
  const std::string doc = pipeline_reference_markdown();
  for (const char* key : {"`pipeline_id`", "`connection_params`", "`consumer_group_initial_offset`",
                          "`skip_tls_verification`", "`max_delay_time`", "`column_type`", "`60s`",
                          "SASL_PLAINTEXT"}) {
    EXPECT_NE(doc.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace sluice::config
