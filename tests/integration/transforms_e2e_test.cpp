// Filter and stateless steps end to end (W4's pipeline, examples/w4-filter-stateless.yaml):
// only the paid events above 10.00 arrive, with their computed columns; a record on which an
// expression fails is dead-lettered with the error, the rest goes on.
#include <csignal>

#include "integration/pipeline_fixture.h"
#include "support/kafka_producer.h"

namespace sluice::testing {
namespace {

using namespace std::chrono_literals;

class TransformsE2E : public PipelineFixture {
 protected:
  // Runs sluice on `pipeline` until `done` holds, then stops it with SIGINT.
  void run_until(const std::string& pipeline, const std::function<bool()>& done) {
    auto sluice = start_sluice(pipeline, "sluice.log");
    ASSERT_NE(sluice, nullptr);
    ASSERT_TRUE(wait_until(done, 120s, sluice.get())) << tail_of_file(dir_->file("sluice.log"));
    ASSERT_TRUE(sluice->signal(SIGINT).ok());
    auto status = sluice->wait(30s);
    ASSERT_TRUE(status.ok() && status->success()) << tail_of_file(dir_->file("sluice.log"));
  }
};

TEST_F(TransformsE2E, W4FilterAndComputedFields) {
  start_kafka("w4", 8);
  GenSummary gen = generate(20000, 41, 8, 0, "w4");
  ASSERT_EQ(gen.valid, 20000u);
  const uint64_t kept = json_uint(gen_line_, "rows_after_filter");
  const uint64_t cents = json_uint(gen_line_, "sum_amount_cents_filtered");
  ASSERT_GT(kept, 1000u);
  ASSERT_LT(kept, gen.valid / 2) << "the filter must drop most events for the test to mean much";
  std::string pipeline = prepare_pipeline("examples/w4-filter-stateless.yaml", "w4", 5000, "200ms");

  run_until(pipeline, [&] {
    return read_file(dir_->file("sluice.log")).value_or("").find("in 20000 ") !=
               std::string::npos &&
           scalar("SELECT count() FROM w4") >= kept;
  });
  EXPECT_EQ(scalar("SELECT count() FROM w4"), kept);
  EXPECT_EQ(scalar("SELECT uniqExact(event_id) FROM w4"), kept);
  EXPECT_EQ(scalar("SELECT sum(amount_cents) FROM w4"), cents);
  EXPECT_EQ(scalar("SELECT countIf(status != 'paid' OR amount_cents <= 1000) FROM w4"), 0u);
  // The computed columns, checked against ClickHouse's own functions on the passed-through
  // fields.
  EXPECT_EQ(scalar("SELECT countIf(email_domain != lower(splitByChar('@', email)[2])) FROM w4"),
            0u);
  EXPECT_EQ(scalar("SELECT countIf(url_path = '' OR substring(url_path, 1, 1) != '/') FROM w4"),
            0u);
  EXPECT_EQ(scalar("SELECT countIf(name_upper != upper(name)) FROM w4"), 0u);
  EXPECT_EQ(scalar("SELECT countIf(browser NOT IN ('chrome', 'firefox', 'safari', 'edge', "
                   "'unknown')) FROM w4"),
            0u);
  EXPECT_GT(scalar("SELECT uniqExact(browser) FROM w4"), 2u);
  EXPECT_EQ(dead_letter_lines(), 0u);
  const std::string log = read_file(dir_->file("sluice.log")).value_or("");
  EXPECT_NE(log.find(std::to_string(gen.valid - kept) + " filtered out"), std::string::npos)
      << tail_of_file(dir_->file("sluice.log"));
}

// A filter that fails on some records (`amount > 10` with no amount is a runtime error in expr's
// untyped mode: nil cannot be ordered; GlassFlow sends such records to its DLQ): those records
// are dead-lettered with the error, the others are filtered as usual.
TEST_F(TransformsE2E, FilterErrorsAreDeadLettered) {
  start_kafka("w4-errors", 4);
  GenSummary gen = generate(2000, 42, 4, 0, "w4");
  ASSERT_EQ(gen.valid, 2000u);
  // 2,000 well-formed events plus 5 without `amount`.
  std::string pipeline =
      prepare_pipeline("examples/w4-filter-stateless.yaml", "w4_errors", 1000, "200ms");
  std::vector<KafkaMessage> broken;
  for (int i = 0; i < 5; ++i)
    broken.push_back({"",
                      R"({"event_id":"00000000-0000-4000-8000-00000000000)" + std::to_string(i) +
                          R"(","status":"paid"})",
                      i % 4});
  ASSERT_TRUE(produce_messages(kafka_->bootstrap(), "w4-errors", broken).ok());
  const uint64_t kept = json_uint(gen_line_, "rows_after_filter");
  run_until(pipeline, [&] {
    return scalar("SELECT count() FROM w4_errors") >= kept && dead_letter_lines() >= 5;
  });
  EXPECT_EQ(scalar("SELECT count() FROM w4_errors"), kept);
  EXPECT_EQ(dead_letter_lines(), 5u);
  EXPECT_EQ(dead_letter_lines("\"reason\":\"filter_failed\""), 5u);
  EXPECT_EQ(dead_letter_lines("\"component\":\"filter\""), 5u);
  EXPECT_EQ(dead_letter_lines("invalid operation: <nil> > int"), 5u)
      << read_file(dead_letter_path()).value_or("");
}

}  // namespace
}  // namespace sluice::testing
