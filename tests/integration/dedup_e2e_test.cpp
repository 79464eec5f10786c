// Dedup end to end (W2's pipeline, examples/w2-dedup.yaml) against the dev Kafka and a real
// ClickHouse: every event_id lands exactly once in a plain MergeTree (no FINAL, no
// ReplacingMergeTree), the state survives a restart, a restart resumes at the state's
// checkpoint, and a record without its key is dead-lettered.
#include <csignal>

#include "integration/pipeline_fixture.h"
#include "support/kafka_producer.h"

namespace sluice::testing {
namespace {

using namespace std::chrono_literals;

using DedupE2E = PipelineFixture;

TEST_F(DedupE2E, EveryEventIdLandsOnceAndStateSurvivesRestarts) {
  start_kafka("w2", 8);
  // Run 1: 20,000 events, ~10% of them repeats.
  generate(20000, 21, 8, 0, "w2");
  const std::string first = gen_line_;
  const uint64_t distinct1 = json_uint(first, "distinct_event_ids");
  const uint64_t dups1 = json_uint(first, "duplicates");
  ASSERT_GT(dups1, 1000u);
  ASSERT_EQ(distinct1 + dups1, 20000u);
  std::string pipeline = prepare_pipeline("examples/w2-dedup.yaml", "w2", 5000, "200ms");
  std::string log1 = run_until(pipeline, "run1.log", [&] {
    return has(read_file(dir_->file("run1.log")).value_or(""), "in 20000 ") &&
           scalar("SELECT count() FROM w2") >= distinct1;
  });
  EXPECT_EQ(scalar("SELECT count() FROM w2"), distinct1);
  EXPECT_EQ(scalar("SELECT uniqExact(event_id) FROM w2"), distinct1);
  EXPECT_EQ(scalar("SELECT sum(toUInt64(created_at)) FROM w2"),
            json_uint(first, "sum_created_s_distinct"));
  EXPECT_TRUE(has(log1, std::to_string(dups1) + " duplicates dropped")) << log1;
  EXPECT_EQ(dead_letter_lines(), 0u);

  // Run 2: the same seed for 40,000 events: the first 20,000 are produced again (all of them
  // duplicates of run 1, which only the restored state knows), then 20,000 new ones.
  generate(40000, 21, 8, 0, "w2");
  const uint64_t distinct2 = json_uint(gen_line_, "distinct_event_ids");
  ASSERT_GT(distinct2, distinct1);
  std::string log2 = run_until(pipeline, "run2.log", [&] {
    return has(read_file(dir_->file("run2.log")).value_or(""), "in 40000 ") &&
           scalar("SELECT count() FROM w2") >= distinct2;
  });
  EXPECT_TRUE(has(log2, std::to_string(distinct1) + " dedup keys")) << log2;
  EXPECT_TRUE(has(log2, "summary: 40000 records in")) << log2;
  EXPECT_EQ(scalar("SELECT count() FROM w2"), distinct2);
  EXPECT_EQ(scalar("SELECT uniqExact(event_id) FROM w2"), distinct2);
  EXPECT_EQ(scalar("SELECT sum(toUInt64(created_at)) FROM w2"),
            json_uint(gen_line_, "sum_created_s_distinct"));
  EXPECT_TRUE(has(log2, std::to_string(40000 - (distinct2 - distinct1)) + " duplicates dropped"))
      << log2;

  // Run 3: a new consumer group (another pipeline_id) on the same state: it has no committed
  // offsets (its initial offset is earliest), yet it starts at the state's checkpoint, so of
  // the topic it reads only the 100 events produced after run 2.
  generate(100, 77, 8, 0, "w2");
  const uint64_t distinct3 = distinct2 + json_uint(gen_line_, "distinct_event_ids");
  std::string text = read_file(pipeline).value_or("");
  size_t at = text.find("pipeline_id: e2e-w2");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, std::string("pipeline_id: e2e-w2").size(), "pipeline_id: e2e-w2-other-group");
  const std::string other = dir_->file("other-group.yaml");
  std::ofstream(other) << text;
  std::string log3 = run_until(other, "run3.log", [&] {
    return has(read_file(dir_->file("run3.log")).value_or(""), "in 100 ") &&
           scalar("SELECT count() FROM w2") >= distinct3;
  });
  EXPECT_TRUE(has(log3, "summary: 100 records in")) << log3;
  EXPECT_EQ(scalar("SELECT count() FROM w2"), distinct3);

  // Run 4: an explicit replay (--from-beginning) reads all 60,100 messages again; every one is
  // a duplicate within the window, so nothing new lands.
  std::string log4 =
      run_until(pipeline, "run4.log",
                [&] { return has(read_file(dir_->file("run4.log")).value_or(""), "in 60100 "); },
                {"--from-beginning"});
  EXPECT_TRUE(has(log4, "60100 duplicates dropped")) << log4;
  EXPECT_EQ(scalar("SELECT count() FROM w2"), distinct3);
}

TEST_F(DedupE2E, RecordsWithoutTheKeyAreDeadLettered) {
  start_kafka("w2-nokey", 2);
  std::vector<KafkaMessage> messages;
  const std::string base =
      R"("user_id":"1d6a5195-83f5-4ac4-bbe2-14ea38c3e1ba","name":"N","email":"n@example.com",)"
      R"("created_at":"2026-02-16T00:00:00Z")";
  messages.push_back(
      {"", R"({"event_id":"241f14c3-c601-4648-a5f2-3efff72cbd6a",)" + base + "}", 0});
  messages.push_back({"", "{" + base + "}", 0});                     // no event_id
  messages.push_back({"", R"({"event_id":null,)" + base + "}", 1});  // null
  messages.push_back(
      {"", R"({"event_id":"241f14c3-c601-4648-a5f2-3efff72cbd6a",)" + base + "}", 1});
  ASSERT_TRUE(produce_messages(kafka_->bootstrap(), "w2-nokey", messages).ok());
  std::string pipeline = prepare_pipeline("examples/w2-dedup.yaml", "w2_nokey", 100, "200ms");
  std::string log = run_until(pipeline, "nokey.log", [&] {
    return scalar("SELECT count() FROM w2_nokey") >= 1 && dead_letter_lines() >= 2 &&
           has(read_file(dir_->file("nokey.log")).value_or(""), "in 4 ");
  });
  EXPECT_EQ(scalar("SELECT count() FROM w2_nokey"), 1u);
  EXPECT_EQ(dead_letter_lines(), 2u);
  EXPECT_EQ(dead_letter_lines("\"reason\":\"dedup_key_missing\""), 2u)
      << read_file(dead_letter_path()).value_or("");
  EXPECT_EQ(dead_letter_lines("\"component\":\"dedup\""), 2u);
  EXPECT_EQ(dead_letter_lines("dedup key is null"), 1u);
  EXPECT_TRUE(has(log, "1 duplicates dropped")) << log;
}

}  // namespace
}  // namespace sluice::testing
