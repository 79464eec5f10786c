// Start-up checks against the real ClickHouse server and the dev Kafka: each failure is one
// line naming what is wrong and how to fix it; `sluice check FILE` runs only these checks.
#include <gtest/gtest.h>

#include "config/clickhouse_checks.h"
#include "config/pipeline_loader.h"
#include "kafka/startup_checks.h"
#include "support/clickhouse_server.h"
#include "support/dev_kafka.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {
namespace {

DevKafka& dev_kafka() {
  static std::unique_ptr<DevKafka> kafka = [] {
    auto started = DevKafka::start({"events:1"});
    if (!started.ok()) {
      ADD_FAILURE() << started.error().to_string();
      std::abort();
    }
    return std::move(started).value();
  }();
  return *kafka;
}

std::string pipeline_yaml(const std::string& table, uint16_t ch_port,
                          const std::string& topic = "events") {
  return "pipeline_id: startup-checks\n"
         "sources:\n"
         "  - type: kafka\n"
         "    source_id: events\n"
         "    connection_params: { brokers: [\"" +
         dev_kafka().bootstrap() +
         "\"] }\n"
         "    topic: " +
         topic +
         "\n"
         "    schema_fields:\n"
         "      - { name: id, type: string }\n"
         "      - { name: n, type: int }\n"
         "      - { name: at, type: datetime }\n"
         "sink:\n"
         "  connection_params: { host: 127.0.0.1, port: " +
         std::to_string(ch_port) +
         " }\n"
         "  table: " +
         table +
         "\n"
         "  mapping:\n"
         "    - { name: id, column_name: id, column_type: String }\n"
         "    - { name: n, column_name: n, column_type: Int64 }\n"
         "    - { name: at, column_name: at, column_type: DateTime }\n";
}

config::Pipeline load(const std::string& yaml) {
  auto loaded = config::load_pipeline_text(yaml, "p.yaml");
  if (!loaded.pipeline) {
    ADD_FAILURE() << loaded.errors[0].to_string();
    std::abort();
  }
  return *loaded.pipeline;
}

std::vector<std::string> checks(const std::string& yaml) {
  kafka::StartupCheckOptions options;
  options.kafka_timeout = std::chrono::seconds(5);
  return kafka::run_startup_checks(load(yaml), options);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

TEST(StartupChecks, AllPassWhenKafkaAndTheTableAreReady) {
  ClickHouseServer& ch = shared_clickhouse();
  ch.must_query(
      "CREATE TABLE IF NOT EXISTS ok_events (id String, n Nullable(Int64), "
      "at DateTime('UTC'), extra UInt8) ENGINE = Memory");
  EXPECT_EQ(joined(checks(pipeline_yaml("ok_events", ch.tcp_port()))), "");
}

TEST(StartupChecks, MissingTableSaysHowToCreateIt) {
  ClickHouseServer& ch = shared_clickhouse();
  const auto problems = checks(pipeline_yaml("no_such_table", ch.tcp_port()));
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].find("table default.no_such_table does not exist"), std::string::npos)
      << problems[0];
  EXPECT_NE(problems[0].find("sluice ddl"), std::string::npos) << problems[0];
}

TEST(StartupChecks, MissingColumnAndIncompatibleTypeAreEachOneLine) {
  ClickHouseServer& ch = shared_clickhouse();
  ch.must_query("CREATE TABLE IF NOT EXISTS bad_events (id UInt32, at DateTime) ENGINE = Memory");
  const auto problems = checks(pipeline_yaml("bad_events", ch.tcp_port()));
  ASSERT_EQ(problems.size(), 2u) << joined(problems);
  EXPECT_EQ(problems[0],
            "sink.mapping[0]: column \"id\" of default.bad_events is UInt32, but column_type says "
            "String; set column_type: \"UInt32\" or change the column's type");
  EXPECT_EQ(problems[1],
            "sink.mapping[1]: column \"n\" does not exist in default.bad_events; add it (ALTER "
            "TABLE default.bad_events ADD COLUMN `n` Int64) or fix column_name");
}

TEST(StartupChecks, UnreachableClickHouseAndMissingTopicAreNamed) {
  const auto problems = checks(pipeline_yaml("whatever", 1, "no-such-topic"));
  ASSERT_EQ(problems.size(), 2u) << joined(problems);
  EXPECT_NE(problems[0].find("Kafka topic \"no-such-topic\" does not exist on brokers " +
                             dev_kafka().bootstrap()),
            std::string::npos)
      << problems[0];
  EXPECT_NE(problems[1].find("ClickHouse at 127.0.0.1:1 is not reachable"), std::string::npos)
      << problems[1];
}

TEST(StartupChecks, TypeCompatibility) {
  EXPECT_TRUE(config::column_types_compatible("Nullable(String)", "String"));
  EXPECT_TRUE(config::column_types_compatible("LowCardinality(String)", "String"));
  EXPECT_TRUE(config::column_types_compatible("DateTime('UTC')", "DateTime"));
  EXPECT_TRUE(config::column_types_compatible("DateTime64(3, 'UTC')", "DateTime64(3)"));
  EXPECT_FALSE(config::column_types_compatible("DateTime64(6)", "DateTime64(3)"));
  EXPECT_FALSE(config::column_types_compatible("Int32", "Int64"));
  EXPECT_TRUE(
      config::column_types_compatible("Array(Nullable(String))", "Array(Nullable(String))"));
}

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun sluice_cli(std::vector<std::string> args, const std::string& yaml = "") {
  auto dir = TempDir::create("sluice-cli");
  EXPECT_TRUE(dir.ok());
  EXPECT_TRUE(write_file_atomically(dir->file("p.yaml"), yaml).ok());
  ProcessOptions options;
  options.argv = {std::string(SLUICE_BINARY_DIR) + "/sluice"};
  for (auto& a : args) options.argv.push_back(a == "{yaml}" ? dir->file("p.yaml") : a);
  options.stdout_path = dir->file("out");
  options.stderr_path = dir->file("err");
  auto process = Process::spawn(options);
  EXPECT_TRUE(process.ok());
  auto status = (*process)->wait(std::chrono::seconds(60));
  CliRun run;
  run.code = status.ok() && status->exited ? status->code : -1;
  run.out = read_file(dir->file("out")).value();
  run.err = read_file(dir->file("err")).value();
  return run;
}

CliRun sluice_check(const std::string& yaml) {
  return sluice_cli({"check", "{yaml}"}, yaml);
}

// The release build links tcmalloc (CMakeLists.txt: SLUICE_TCMALLOC), the sanitizer build does
// not; a link that silently fell back to glibc's malloc would cost W3 ~10 % of its CPU.
TEST(SluiceVersion, NamesTheAllocatorTheBinaryRunsWith) {
  CliRun run = sluice_cli({"version"});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("sluice 0.1.0 (allocator: "), std::string::npos) << run.out;
  const char* expected =
      SLUICE_LINKS_TCMALLOC ? "allocator: tcmalloc, gperftools " : "allocator: glibc malloc";
  EXPECT_NE(run.out.find(expected), std::string::npos) << run.out;
}

TEST(SluiceCheck, ExitsZeroWhenReadyAndOneWithTheProblems) {
  ClickHouseServer& ch = shared_clickhouse();
  ch.must_query(
      "CREATE TABLE IF NOT EXISTS cli_events (id String, n Int64, at DateTime) "
      "ENGINE = Memory");
  CliRun ok = sluice_check(pipeline_yaml("cli_events", ch.tcp_port()));
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("Kafka and ClickHouse are ready"), std::string::npos) << ok.out;

  CliRun bad = sluice_check(pipeline_yaml("cli_missing", ch.tcp_port()));
  EXPECT_EQ(bad.code, 1) << bad.err;
  EXPECT_NE(bad.err.find("error: sink.table: table default.cli_missing does not exist"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("1 start-up check(s) failed"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace sluice::testing
