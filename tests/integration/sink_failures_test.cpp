// The sink's failure handling against a real ClickHouse 18.16 (docs/delivery.md, "Failures").
#include <csignal>
#include <regex>

#include "integration/pipeline_fixture.h"
#include "support/kafka_consumer.h"

namespace sluice::testing {
namespace {

using namespace std::chrono_literals;

class SinkFailures : public PipelineFixture {};

// A CHECK constraint failing on 2 of 1,000 rows: 998 rows in ClickHouse, 2 dead letters.
// ClickHouse 18.16 has no CHECK constraints (`CONSTRAINT c CHECK ...` is a syntax error
// there); a MATERIALIZED column computing throwIf(cond) refuses exactly the rows where cond
// holds, with code 395, which is the same per-row rejection. The two refused records are
// picked from what the generator produced (their request_ids), so exactly two rows fail.
TEST_F(SinkFailures, RowsTheServerRefusesAreDeadLetteredTheRestInserted) {
  start_kafka("w1-refuse", 4);
  GenSummary gen = generate(1000, 11, 4);
  ASSERT_EQ(gen.valid, 1000u);
  auto produced = read_all(kafka_->bootstrap(), "w1-refuse");
  ASSERT_TRUE(produced.ok()) << produced.error().message();
  ASSERT_EQ(produced->size(), 1000u);
  // One record early in the run and one late, in different partitions.
  const std::string first = json_string(produced->at(10).value, "request_id");
  const std::string second = json_string(produced->at(990).value, "request_id");
  ASSERT_FALSE(first.empty() || second.empty() || first == second);
  std::string pipeline = prepare_w1_pipeline("w1_refuse", 1000, "500ms");
  clickhouse_->must_query(
      "ALTER TABLE w1_refuse ADD COLUMN chk UInt8 MATERIALIZED "
      "throwIf(toString(request_id) IN ('" +
      first + "', '" + second + "'))");
  auto sluice = start_sluice(pipeline, "sluice.log");
  ASSERT_NE(sluice, nullptr);
  ASSERT_TRUE(wait_until(
      [&] { return scalar("SELECT count() FROM w1_refuse") + dead_letter_lines() >= gen.valid; },
      120s, sluice.get()))
      << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(sluice->signal(SIGINT).ok());
  auto status = sluice->wait(30s);
  ASSERT_TRUE(status.ok() && status->success()) << tail_of_file(dir_->file("sluice.log"));

  EXPECT_EQ(scalar("SELECT count() FROM w1_refuse"), 998u);
  EXPECT_EQ(scalar("SELECT uniqExact(request_id) FROM w1_refuse"), 998u);
  EXPECT_EQ(dead_letter_lines("\"reason\":\"server_rejected\""), 2u);
  EXPECT_EQ(dead_letter_lines("throwIf"), 2u) << "dead letters must carry ClickHouse's error text";
  EXPECT_EQ(dead_letter_lines(), 2u);
  // The refused rows are exactly the two picked.
  EXPECT_EQ(scalar("SELECT count() FROM w1_refuse WHERE toString(request_id) IN ('" + first +
                   "', '" + second + "')"),
            0u);
}

TEST_F(SinkFailures, TableDroppedMidRunStopsCleanlyAndCommitsNothingUnwritten) {
  start_kafka("w1-drop", 4);
  GenSummary gen = generate(5000, 12, 4);
  std::string pipeline = prepare_w1_pipeline("w1_drop", 500, "200ms");
  std::string ddl = clickhouse_->must_query("SHOW CREATE TABLE w1_drop FORMAT TSVRaw");
  clickhouse_->must_query("DROP TABLE w1_drop");
  clickhouse_->must_query(ddl);  // created again so that start-up succeeds...
  auto sluice = start_sluice(pipeline, "sluice.log");
  ASSERT_NE(sluice, nullptr);
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT count() FROM w1_drop") > 0; }, 60s, sluice.get()));
  clickhouse_->must_query("DROP TABLE w1_drop");  // ...and dropped while it runs
  auto status = sluice->wait(60s);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->code, 1) << tail_of_file(dir_->file("sluice.log"));
  std::string log = tail_of_file(dir_->file("sluice.log"));
  EXPECT_NE(log.find("pipeline stopped"), std::string::npos) << log;
  EXPECT_EQ(dead_letter_lines(), 0u);
  // What the first run wrote (into the table that was then dropped), from its summary line.
  std::string first_log = read_file(dir_->file("sluice.log")).value();
  std::smatch written;
  ASSERT_TRUE(std::regex_search(first_log, written, std::regex("([0-9]+) rows written")))
      << first_log;
  const uint64_t written_before_drop = std::stoull(written[1]);

  // Re-created empty: a restart must bring every record the dropped table lost, so the
  // offsets of unwritten batches were not committed.
  clickhouse_->must_query(ddl);
  auto again = start_sluice(pipeline, "sluice2.log");
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT count() FROM w1_drop") > 0; }, 60s, again.get()));
  std::this_thread::sleep_for(3s);
  ASSERT_TRUE(again->signal(SIGINT).ok());
  ASSERT_TRUE(again->wait(30s).ok());
  uint64_t rows = scalar("SELECT count() FROM w1_drop");
  std::printf("[ info ] after restart: %llu rows of %llu\n", static_cast<unsigned long long>(rows),
              static_cast<unsigned long long>(gen.valid));
  // Every record is either in the dropped table (written and committed by the first run) or
  // in the new one; a batch written just before the drop but not yet committed is in both.
  EXPECT_GE(rows + written_before_drop, gen.valid)
      << "records lost: the first run committed offsets of batches it did not write";
  EXPECT_LE(rows + written_before_drop, gen.valid + 2 * 500)
      << "more repeats than batches in flight";
}

// ClickHouse killed mid-run and restarted: the sink retries with backoff, the source pauses
// consumption once the queue is full (fixed pacing and small batches, so the outage cannot be
// absorbed by a growing batch), memory stays bounded, and after the restart every record
// lands, none dead-lettered.
TEST_F(SinkFailures, ClickHouseKilledAndRestartedLosesNothing) {
  auto own = ClickHouseServer::start();  // not the shared one: this test kills it
  ASSERT_TRUE(own.ok()) << own.error().message();
  clickhouse_ = own->get();
  // 64 partitions: the dev Kafka keeps only 5 MiB per partition (50,000 W1 events = 80 MB).
  start_kafka("w1-chkill", 64);
  GenSummary gen = generate(50000, 13, 64);
  std::string pipeline = prepare_w1_pipeline("w1_chkill", 1000, "100ms");
  const std::string metrics = dir_->file("metrics.prom");
  auto sluice =
      start_sluice(pipeline, "sluice.log", {"--insert-pacing", "fixed", "--metrics-file", metrics});
  ASSERT_NE(sluice, nullptr);
  ASSERT_TRUE(wait_until([&] { return scalar("SELECT count() FROM w1_chkill") >= 5000; }, 120s,
                         sluice.get()));
  (*own)->kill_hard();
  std::this_thread::sleep_for(8s);  // several backoff rounds, consumption paused
  ASSERT_TRUE(sluice->running()) << tail_of_file(dir_->file("sluice.log"));
  // The last status line of the outage: paused, retrying, and records read but not written
  // bounded by the batches the pipeline holds (2 queued + 1 settling + 1 being built, 1,000
  // rows each) instead of the 45,000 left in the topic.
  const std::string outage_log = read_file(dir_->file("sluice.log")).value();
  std::smatch status;
  std::string last_status;
  const std::regex status_line("sluice: in ([0-9]+) .* out ([0-9]+) .*paused retrying[^\n]*");
  for (auto it = std::sregex_iterator(outage_log.begin(), outage_log.end(), status_line);
       it != std::sregex_iterator(); ++it)
    last_status = it->str();
  ASSERT_FALSE(last_status.empty()) << "no paused+retrying status line:\n"
                                    << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(std::regex_search(last_status, status, status_line));
  const uint64_t in = std::stoull(status[1]), out = std::stoull(status[2]);
  std::printf("[ info ] during the outage: %s\n", last_status.c_str());
  EXPECT_LE(in - out, 4u * 1000u) << last_status;
  EXPECT_NE(outage_log.find("pausing consumption: ClickHouse is failing"), std::string::npos);
  // The metrics say the same (written at every 1 s status interval).
  const std::string during = read_file(metrics).value_or("");
  EXPECT_NE(during.find("sluice_consumption_paused{pipeline_id=\"e2e-w1-chkill\",reason=\""
                        "clickhouse_failing\"} 1"),
            std::string::npos)
      << during;
  EXPECT_NE(during.find("sluice_sink_retrying{pipeline_id=\"e2e-w1-chkill\"} 1"), std::string::npos)
      << during;
  EXPECT_NE(during.find("sluice_sink_last_error_info{pipeline_id=\"e2e-w1-chkill\",error=\""
                        "cannot connect to ClickHouse"),
            std::string::npos)
      << during;

  ASSERT_TRUE((*own)->restart().ok());
  ASSERT_TRUE(
      wait_until([&] { return scalar("SELECT uniqExact(request_id) FROM w1_chkill") >= gen.valid; },
                 180s, sluice.get()))
      << tail_of_file(dir_->file("sluice.log"));
  ASSERT_TRUE(sluice->signal(SIGINT).ok());
  auto finished = sluice->wait(30s);
  ASSERT_TRUE(finished.ok() && finished->success()) << tail_of_file(dir_->file("sluice.log"));
  std::string log = read_file(dir_->file("sluice.log")).value();
  EXPECT_NE(log.find("retrying"), std::string::npos);
  EXPECT_NE(log.find("resuming consumption"), std::string::npos);
  const std::string after = read_file(metrics).value_or("");
  EXPECT_NE(after.find("sluice_consumption_paused{pipeline_id=\"e2e-w1-chkill\"} 0"),
            std::string::npos)
      << after;
  EXPECT_NE(after.find("sluice_records_read_total{pipeline_id=\"e2e-w1-chkill\"} 50000"),
            std::string::npos)
      << after;
  EXPECT_EQ(scalar("SELECT uniqExact(request_id) FROM w1_chkill"), gen.valid);
  EXPECT_EQ(dead_letter_lines(), 0u);
  std::printf("[ info ] %llu rows for %llu records\n",
              static_cast<unsigned long long>(scalar("SELECT count() FROM w1_chkill")),
              static_cast<unsigned long long>(gen.valid));
}

}  // namespace
}  // namespace sluice::testing
