// Tests of the development/test infrastructure itself: the ClickHouse harness, the dev Kafka
// (sluice-dev-kafka) and its harness, and the sluice-gen event generator.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "support/clickhouse_server.h"
#include "support/dev_kafka.h"
#include "support/generator.h"
#include "support/kafka_consumer.h"
#include "support/kafka_producer.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {
namespace {

TEST(ClickHouseHarness, StartsAndAnswersSelect1) {
  ClickHouseServer& ch = shared_clickhouse();
  EXPECT_GT(ch.http_port(), 0);
  EXPECT_GT(ch.tcp_port(), 0);
  EXPECT_NE(ch.tcp_port(), ch.http_port());
  EXPECT_EQ(ch.must_query("SELECT 1"), "1\n");
  // The server runs in UTC whatever the machine's zone ("Etc/UTC" is how 18.16 names it).
  EXPECT_EQ(ch.must_query("SELECT toString(toDateTime(86400))"), "1970-01-02 00:00:00\n");
}

TEST(ClickHouseHarness, ErrorsCarryServerCodeAndBody) {
  auto result = shared_clickhouse().query("SELECT * FROM no_such_table_anywhere");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::ServerError);
  EXPECT_EQ(result.error().server_code(), 60);  // UNKNOWN_TABLE
  EXPECT_NE(result.error().message().find("no_such_table_anywhere"), std::string::npos);
}

TEST(ClickHouseHarness, PerQuerySettingsAndInsert) {
  ClickHouseServer& ch = shared_clickhouse();
  ch.must_query("DROP TABLE IF EXISTS lc_probe");
  // LowCardinality needs the experimental flag in 18.16; the harness lets a query set it.
  ASSERT_TRUE(ch.query("CREATE TABLE lc_probe (s LowCardinality(String)) ENGINE = Memory",
                       {{"allow_experimental_low_cardinality_type", "1"}})
                  .ok());
  auto inserted =
      ch.insert("INSERT INTO lc_probe FORMAT JSONEachRow", "{\"s\":\"a\"}\n{\"s\":\"b\"}\n");
  ASSERT_TRUE(inserted.ok()) << inserted.error().to_string();
  EXPECT_EQ(ch.must_query("SELECT groupArray(s) FROM (SELECT s FROM lc_probe ORDER BY s)"),
            "['a','b']\n");
  ch.must_query("DROP TABLE lc_probe");
}

TEST(ClickHouseHarness, RestartAndCrashKeepData) {
  auto started = ClickHouseServer::start();
  ASSERT_TRUE(started.ok()) << started.error().to_string();
  ClickHouseServer& ch = **started;
  const uint16_t port = ch.http_port();
  const pid_t first_pid = ch.pid();
  ch.must_query("CREATE TABLE kept (id UInt64) ENGINE = MergeTree ORDER BY id");
  ch.must_query("INSERT INTO kept SELECT number FROM system.numbers LIMIT 1000");

  Status restarted = ch.restart();
  ASSERT_TRUE(restarted.ok()) << restarted.error().to_string();
  EXPECT_EQ(ch.http_port(), port);
  EXPECT_NE(ch.pid(), first_pid);
  EXPECT_EQ(ch.must_query("SELECT count(), sum(id) FROM kept"), "1000\t499500\n");

  ch.kill_hard();
  EXPECT_EQ(ch.pid(), -1);
  EXPECT_FALSE(ch.query("SELECT 1").ok());
  restarted = ch.restart();
  ASSERT_TRUE(restarted.ok()) << restarted.error().to_string();
  EXPECT_EQ(ch.must_query("SELECT count() FROM kept"), "1000\n");

  Status stopped = ch.stop();
  EXPECT_TRUE(stopped.ok()) << stopped.error().to_string();
}

TEST(DevKafkaHarness, ProducedMessagesCanBeConsumedBack) {
  auto kafka = DevKafka::start({"roundtrip:3"});
  ASSERT_TRUE(kafka.ok()) << kafka.error().to_string();
  EXPECT_NE((*kafka)->bootstrap().find("127.0.0.1:"), std::string::npos);

  std::vector<KafkaMessage> sent = {
      {"k0", "hello", 0}, {"k1", "world", 1}, {"", "third", 2}, {"k3", "fourth", 0}};
  Status produced = produce_messages((*kafka)->bootstrap(), "roundtrip", sent);
  ASSERT_TRUE(produced.ok()) << produced.error().to_string();

  auto got = read_all((*kafka)->bootstrap(), "roundtrip", std::chrono::seconds(30));
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  ASSERT_EQ(got->size(), 4u);
  std::multiset<std::string> seen;
  for (const auto& m : *got) seen.insert(std::to_string(m.partition) + "/" + m.key + "/" + m.value);
  EXPECT_EQ(seen,
            (std::multiset<std::string>{"0/k0/hello", "1/k1/world", "2//third", "0/k3/fourth"}));
}

TEST(DevKafkaHarness, FaultCommandsAreAcknowledged) {
  auto kafka = DevKafka::start({"faults:2"}, 3);
  ASSERT_TRUE(kafka.ok()) << kafka.error().to_string();
  DevKafka& k = **kafka;
  EXPECT_TRUE(k.command("down 2").ok()) << k.log();
  EXPECT_TRUE(k.command("up 2").ok()) << k.log();
  EXPECT_TRUE(k.command("rtt 1 5").ok()) << k.log();
  EXPECT_TRUE(k.command("create extra 4").ok()) << k.log();
  EXPECT_TRUE(k.command("leader faults 0 3").ok()) << k.log();
  EXPECT_TRUE(k.command("err Produce NOT_LEADER_FOR_PARTITION 2").ok()) << k.log();
  EXPECT_TRUE(k.command("clearerr 0").ok()) << k.log();

  Status unknown = k.command("explode now");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("unknown command"), std::string::npos);
  EXPECT_FALSE(k.command("down 99").ok());
  EXPECT_FALSE(k.command("rtt one 5").ok());

  // After the faults are cleared the cluster still works: injected NOT_LEADER errors are
  // retried by the producer.
  EXPECT_TRUE(k.command("err Produce 6 2").ok());
  Status produced = produce_messages(k.bootstrap(), "faults", {{"", "after-faults", 0}});
  EXPECT_TRUE(produced.ok()) << produced.error().to_string();
  auto got = read_all(k.bootstrap(), "faults", std::chrono::seconds(30));
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].value, "after-faults");
}

TEST(SluiceGen, SameSeedGivesIdenticalBytes) {
  auto dir = TempDir::create("sluice-gen-test");
  ASSERT_TRUE(dir.ok());
  const std::vector<std::string> common = {"--workload", "w1", "--count", "3000", "--seed", "42"};
  auto with_out = [&](const std::string& name) {
    auto args = common;
    args.insert(args.end(), {"--out", dir->file(name)});
    return args;
  };
  std::string summary_a = run_gen(*dir, with_out("a.jsonl"));
  std::string summary_b = run_gen(*dir, with_out("b.jsonl"));
  auto a = read_file(dir->file("a.jsonl"));
  auto b = read_file(dir->file("b.jsonl"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value(), b.value());
  EXPECT_EQ(json_int(summary_a, "bytes"), json_int(summary_b, "bytes"));
  EXPECT_EQ(json_int(summary_a, "sum_port"), json_int(summary_b, "sum_port"));

  auto args = common;
  args[5] = "43";
  args.insert(args.end(), {"--out", dir->file("c.jsonl")});
  run_gen(*dir, args);
  auto c = read_file(dir->file("c.jsonl"));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a.value(), c.value());

  // Summary: 3000 lines, ~1.6 KB each, all 38 fields present on the first event.
  EXPECT_EQ(json_string(summary_a, "workload"), "w1");
  EXPECT_EQ(json_int(summary_a, "events"), 3000);
  EXPECT_EQ(json_int(summary_a, "malformed"), 0);
  EXPECT_EQ(json_int(summary_a, "bytes") + 3000, static_cast<int64_t>(a->size()));
  const double avg = static_cast<double>(json_int(summary_a, "bytes")) / 3000.0;
  EXPECT_GT(avg, 1400);
  EXPECT_LT(avg, 1800);
  const std::string first = a->substr(0, a->find('\n'));
  for (const char* key :
       {"timestamp", "@version", "container.image.name", "kubernetes.pod.name", "request_id",
        "tags", "type", "producer_time", "modified_timestamp", "status_code"}) {
    EXPECT_NE(first.find("\"" + std::string(key) + "\":"), std::string::npos) << key;
  }
}

TEST(SluiceGen, SummaryMatchesWhatTheTopicHolds) {
  auto dir = TempDir::create("sluice-gen-test");
  ASSERT_TRUE(dir.ok());
  auto kafka = DevKafka::start({"w1:8"}, 3);
  ASSERT_TRUE(kafka.ok()) << kafka.error().to_string();
  const std::string summary =
      run_gen(*dir, {"--workload", "w1", "--count", "5000", "--seed", "7", "--brokers",
                     (*kafka)->bootstrap(), "--topic", "w1", "--malformed-every", "100"});
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(json_int(summary, "events"), 5000);
  EXPECT_EQ(json_int(summary, "malformed"), 50);
  EXPECT_EQ(json_int(summary, "valid"), 4950);
  EXPECT_EQ(json_int(summary, "partitions"), 8);

  int64_t events = 0;
  int64_t valid = 0;
  int64_t bytes = 0;
  int64_t sum_port = 0;
  int64_t sum_version = 0;
  std::set<std::string> request_ids;
  bool partitions_ok = true;
  Status read = read_topic((*kafka)->bootstrap(), "w1",
                           [&](const ConsumedMessage& m) {
                             ++events;
                             bytes += static_cast<int64_t>(m.value.size());
                             // Event i goes to partition i % 8, so partition p holds events p, p+8,
                             // ...: the message at offset o is event o*8+p.
                             const int64_t index = m.offset * 8 + m.partition;
                             const bool malformed = (index + 1) % 100 == 0;
                             if (malformed != (m.value.back() != '}')) partitions_ok = false;
                             if (malformed) return;
                             ++valid;
                             sum_port += json_int(m.value, "port");
                             sum_version += json_int(m.value, "@version");
                             request_ids.insert(json_string(m.value, "request_id"));
                           },
                           std::chrono::seconds(60));
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_TRUE(partitions_ok) << "malformed events are not at i % 100 == 99";
  EXPECT_EQ(events, json_int(summary, "events"));
  EXPECT_EQ(valid, json_int(summary, "valid"));
  EXPECT_EQ(bytes, json_int(summary, "bytes"));
  EXPECT_EQ(sum_port, json_int(summary, "sum_port"));
  EXPECT_EQ(sum_version, json_int(summary, "sum_version"));
  EXPECT_EQ(static_cast<int64_t>(request_ids.size()), json_int(summary, "distinct_request_ids"));
}

}  // namespace
}  // namespace sluice::testing
