// End to end: sluice-gen -> dev Kafka -> `sluice run` -> real ClickHouse, checked by exact
// counts, sums and sample rows.
#include <csignal>

#include "base/base64.h"
#include "pipeline_fixture.h"

namespace sluice::testing {
namespace {

using namespace std::chrono_literals;

class PipelineE2E : public PipelineFixture {};

TEST_F(PipelineE2E, Moves100kTelemetryEventsExactly) {
  start_kafka("w1-exact", 64);
  GenSummary gen = generate(100000, 42, 64);
  ASSERT_EQ(gen.valid, 100000u);
  std::string pipeline = prepare_w1_pipeline("w1_exact", 20000);

  // LZ4 frames end to end (auto, the default, sends none to this loopback server).
  auto sluice = start_sluice(pipeline, "sluice.log", {"--compression", "lz4"});
  ASSERT_NE(sluice, nullptr);
  bool arrived = wait_until([&] { return scalar("SELECT count() FROM w1_exact") >= 100000; }, 120s,
                            sluice.get());
  ASSERT_TRUE(arrived) << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(sluice->signal(SIGINT).ok());
  auto status = sluice->wait(30s);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->success()) << status->to_string() << "\n"
                                 << tail_of_file(dir_->file("sluice.log"));

  EXPECT_NE(tail_of_file(dir_->file("sluice.log"), 1 << 20).find(", compression lz4\n"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT count() FROM w1_exact"), 100000u);
  EXPECT_EQ(scalar("SELECT uniqExact(request_id) FROM w1_exact"), 100000u);
  EXPECT_EQ(scalar("SELECT sum(port) FROM w1_exact"), gen.sum_port);
  EXPECT_EQ(scalar("SELECT sum(version) FROM w1_exact"), gen.sum_version);
  // Every event has 1-6 tags and a timestamp within one day of generation.
  EXPECT_EQ(scalar("SELECT countIf(length(tags) BETWEEN 1 AND 6) FROM w1_exact"), 100000u);
  EXPECT_EQ(scalar("SELECT countIf(timestamp > toDateTime('2020-01-01 00:00:00')) FROM w1_exact"),
            100000u);

  // A sample row, field by field, against the generator's own JSON for the same seed.
  std::string first =
      run_gen(*dir_, {"--workload", "w1", "--count", "1", "--seed", "42", "--out", "-"});
  ASSERT_FALSE(first.empty());
  simdjson::dom::parser parser;
  simdjson::dom::element event = parser.parse(first);
  std::string request_id(event["request_id"].get_string().value());
  std::string row = clickhouse_->must_query(
      "SELECT message, host, toString(timestamp), arrayStringConcat(tags, ','), port, "
      "container_image_name, toString(extension_id), modified_timestamp FROM w1_exact WHERE "
      "request_id = '" +
      request_id + "' FORMAT TSVRaw");
  std::string tags;
  for (auto t : event["tags"].get_array()) {
    if (!tags.empty()) tags += ",";
    tags += std::string(t.get_string().value());
  }
  std::string ts(event["timestamp"].get_string().value());
  std::string expected = std::string(event["message"].get_string().value()) + "\t" +
                         std::string(event["host"].get_string().value()) + "\t" + ts.substr(0, 10) +
                         " " + ts.substr(11, 8) + "\t" + tags + "\t" +
                         std::to_string(event["port"].get_int64().value()) + "\t" +
                         std::string(event["container.image.name"].get_string().value()) + "\t" +
                         std::string(event["extension_id"].get_string().value()) + "\t" +
                         (event["modified_timestamp"].get_bool().value() ? "1" : "0") + "\n";
  EXPECT_EQ(row, expected);
}

TEST_F(PipelineE2E, KilledHalfwayAndRestartedLosesNothing) {
  start_kafka("w1-kill", 64);
  GenSummary gen = generate(100000, 7, 64);
  ASSERT_EQ(gen.valid, 100000u);
  std::string pipeline = prepare_w1_pipeline("w1_kill", 2000, "200ms");

  // Fixed pacing keeps every batch at 2,000 records, so the duplicates a kill can cause (the
  // batch inserted but not yet committed) have a known bound; adaptive pacing grows batches.
  const std::vector<std::string> fixed = {"--insert-pacing", "fixed"};
  auto first = start_sluice(pipeline, "sluice.log", fixed);
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT count() FROM w1_kill") >= 30000; }, 120s, first.get()))
      << tail_of_file(dir_->file("sluice.log"));
  first->kill_hard();  // SIGKILL: no drain, no final commit
  uint64_t at_kill = scalar("SELECT count() FROM w1_kill");
  ASSERT_LT(at_kill, 100000u) << "the kill came too late to test anything";

  auto second = start_sluice(pipeline, "sluice.log", fixed);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT uniqExact(request_id) FROM w1_kill") >= 100000; },
                 180s, second.get()))
      << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(second->signal(SIGINT).ok());
  auto status = second->wait(30s);
  ASSERT_TRUE(status.ok() && status->success()) << tail_of_file(dir_->file("sluice.log"));

  uint64_t rows = scalar("SELECT count() FROM w1_kill");
  uint64_t unique = scalar("SELECT uniqExact(request_id) FROM w1_kill");
  EXPECT_EQ(unique, 100000u) << "records missing after the restart";
  EXPECT_GE(rows, 100000u);
  // At-least-once: batches inserted but not yet committed at the kill are read again.
  std::printf(
      "[ info ] killed at %llu rows; after restart %llu rows, %llu unique, %llu duplicates\n",
      static_cast<unsigned long long>(at_kill), static_cast<unsigned long long>(rows),
      static_cast<unsigned long long>(unique), static_cast<unsigned long long>(rows - unique));
  RecordProperty("duplicates", std::to_string(rows - unique));
  // The duplicates are whole re-read batches: only the batch being settled at the kill can be
  // inserted and not yet committed (offsets are committed right after each insert).
  EXPECT_LE(rows - unique, 2000u) << "more duplicates than the batch in flight explains";
}

TEST_F(PipelineE2E, MalformedMessagesGoToTheDeadLetterFile) {
  start_kafka("w1-bad", 16);
  GenSummary gen = generate(20000, 11, 16, 100);
  ASSERT_EQ(gen.malformed, 200u);
  ASSERT_EQ(gen.valid, 19800u);
  std::string pipeline = prepare_w1_pipeline("w1_bad", 5000);

  auto sluice = start_sluice(pipeline, "sluice.log");
  ASSERT_NE(sluice, nullptr);
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT count() FROM w1_bad") >= 19800; }, 120s, sluice.get()))
      << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(sluice->signal(SIGINT).ok());
  auto status = sluice->wait(30s);
  ASSERT_TRUE(status.ok() && status->success()) << tail_of_file(dir_->file("sluice.log"));

  // The default, auto, sends no compression to a server on the loopback.
  EXPECT_NE(tail_of_file(dir_->file("sluice.log"), 1 << 20).find(", compression none\n"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT count() FROM w1_bad"), 19800u);
  EXPECT_EQ(scalar("SELECT sum(port) FROM w1_bad"), gen.sum_port);

  std::ifstream in(dead_letter_path());
  std::string line;
  size_t entries = 0;
  std::set<std::pair<int64_t, int64_t>> coordinates;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    ++entries;
    simdjson::dom::element e = parser.parse(line);
    EXPECT_EQ(std::string(e["reason"].get_string().value()), "invalid_json") << line;
    EXPECT_EQ(std::string(e["component"].get_string().value()), "decoder");
    EXPECT_EQ(std::string(e["topic"].get_string().value()), "w1-bad");
    coordinates.insert({e["partition"].get_int64().value(), e["offset"].get_int64().value()});
    std::string payload;
    ASSERT_TRUE(base64_decode(e["payload_base64"].get_string().value(), payload));
    EXPECT_FALSE(payload.empty());
    simdjson::dom::parser check;
    EXPECT_TRUE(check.parse(payload).error()) << "a valid payload was dead-lettered: " << payload;
  }
  EXPECT_EQ(entries, 200u);
  EXPECT_EQ(coordinates.size(), 200u) << "each dead letter names its own partition and offset";
}

}  // namespace
}  // namespace sluice::testing
