// The temporal join end to end (W3's pipeline, examples/w3-join.yaml) against the dev Kafka and a
// real ClickHouse: each order whose user exists lands once, enriched with the user's fields;
// orders that arrive before their user wait in the join state, across a restart; the users
// topic is read before the orders; a record without the join key is dead-lettered.
#include "integration/pipeline_fixture.h"
#include "support/kafka_producer.h"

namespace sluice::testing {
namespace {

using JoinE2E = PipelineFixture;

TEST_F(JoinE2E, OrdersWaitForTheirUsersAcrossARestartAndLandOnceEnriched) {
  start_kafka("w3", 8, {"w3_users:4"});
  // Run 1: only the orders are there; each waits for its user (none is written).
  const std::string orders = generate_to("w3", "w3-orders", 20000, 31, 8, {"--users", "2000"});
  const uint64_t with_user = json_uint(orders, "orders_with_user");
  ASSERT_GT(with_user, 15000u);
  ASSERT_LT(with_user, 20000u) << "some orders reference users that never come";
  std::string pipeline = prepare_pipeline("examples/w3-join.yaml", "w3", 5000, "200ms");
  std::string log1 = run_until(pipeline, "run1.log",
                               [&] {
                                 return has(log_of("run1.log"), "in 20000 ") &&
                                        has(log_of("run1.log.metrics"),
                                            "sluice_join_waiting_records{pipeline_id=\"e2e-w3\"} "
                                            "20000");
                               },
                               {"--metrics-file", dir_->file("run1.log.metrics")});
  EXPECT_EQ(scalar("SELECT count() FROM w3"), 0u);
  EXPECT_TRUE(has(log1, "20000 left records waiting for a join")) << log1;

  // Run 2: the users arrive; the restored orders are emitted, joined, exactly once.
  const std::string users = generate_to("w3_users", "w3-users", 2000, 31, 4, {});
  ASSERT_EQ(json_uint(users, "valid"), 2000u);
  std::string log2 = run_until(pipeline, "run2.log", [&] {
    return has(log_of("run2.log"), "in 2000 ") && scalar("SELECT count() FROM w3") >= with_user;
  });
  EXPECT_TRUE(has(log2, "20000 left records waiting for a join, 0 right keys")) << log2;
  EXPECT_EQ(scalar("SELECT count() FROM w3"), with_user);
  EXPECT_EQ(scalar("SELECT uniqExact(order_id) FROM w3"), with_user);
  EXPECT_EQ(scalar("SELECT countIf(email = '' OR country = '') FROM w3"), 0u);
  EXPECT_EQ(scalar("SELECT sum(amount_cents) FROM w3"),
            json_uint(orders, "sum_amount_cents_with_user"));
  EXPECT_TRUE(has(log2, std::to_string(20000 - with_user) + " left records waiting for a join"))
      << "the orders whose user never came still wait: " << log2;
  EXPECT_EQ(dead_letter_lines(), 0u);

  // Run 3: the first 100 orders are produced again (same seed: the same orders, new offsets);
  // the restored users join them at once (the join does not deduplicate: a dedup step would).
  generate_to("w3", "w3-orders", 100, 31, 8, {"--users", "2000"});
  const uint64_t again = json_uint(gen_line_, "orders_with_user");
  std::string log3 = run_until(pipeline, "run3.log", [&] {
    return scalar("SELECT count() FROM w3") >= with_user + again &&
           has(log_of("run3.log"), "in 100 ");
  });
  EXPECT_TRUE(has(log3, "2000 right keys")) << log3;
  EXPECT_EQ(scalar("SELECT count() FROM w3"), with_user + again);
  EXPECT_EQ(scalar("SELECT uniqExact(order_id) FROM w3"), with_user);
}

// Both topics are full before Sluice starts, the orders written first: the users topic is read
// up to its end before any order, so no order whose user exists waits in the join state (only
// those whose user never comes do).
TEST_F(JoinE2E, UsersAreReadBeforeOrdersSoNoMatchedOrderWaits) {
  start_kafka("w3b", 8, {"w3b_users:4"});
  const std::string orders = generate_to("w3b", "w3-orders", 20000, 37, 8, {"--users", "2000"});
  const uint64_t with_user = json_uint(orders, "orders_with_user");
  const std::string users = generate_to("w3b_users", "w3-users", 2000, 37, 4, {});
  ASSERT_EQ(json_uint(users, "valid"), 2000u);
  std::string pipeline = prepare_pipeline("examples/w3-join.yaml", "w3b", 5000, "200ms");
  std::string log = run_until(pipeline, "bootstrap.log", [&] {
    return has(log_of("bootstrap.log"), "in 22000 ") &&
           scalar("SELECT count() FROM w3b") >= with_user;
  });
  EXPECT_TRUE(has(log, "reading w3b_users up to its end before the other topics")) << log;
  const std::string unmatched = std::to_string(20000 - with_user);
  EXPECT_TRUE(
      has(log, unmatched + " left records waiting for a join (" + unmatched + " waited in all)"))
      << "only the orders without a user waited: " << log;
  EXPECT_EQ(scalar("SELECT count() FROM w3b"), with_user);
  EXPECT_EQ(scalar("SELECT sum(amount_cents) FROM w3b"),
            json_uint(orders, "sum_amount_cents_with_user"));
}

TEST_F(JoinE2E, RecordsWithoutTheJoinKeyAreDeadLettered) {
  start_kafka("w3k", 1, {"w3k_users:1"});
  const std::string user = R"("user_id":"287f651a-2596-45cf-bdad-a88271bf6acf")";
  const std::string order_tail = R"("amount":1.5,"created_at":"2026-02-16T00:00:00Z")";
  ASSERT_TRUE(
      produce_messages(
          kafka_->bootstrap(), "w3k",
          {{"",
            R"({"order_id":"177ed651-3689-4bde-9647-7ae6c0ddaac2",)" + user + "," + order_tail +
                "}",
            0},
           {"", R"({"order_id":"832f18fe-85b6-458b-9d8a-c5a7ad2cd30a",)" + order_tail + "}", 0}})
          .ok());
  ASSERT_TRUE(
      produce_messages(kafka_->bootstrap(), "w3k_users",
                       {{"", "{" + user + R"(,"email":"n@example.com","country":"PL"})", 0},
                        {"", R"({"user_id":null,"email":"x@example.com","country":"SE"})", 0}})
          .ok());
  std::string pipeline = prepare_pipeline("examples/w3-join.yaml", "w3k", 100, "200ms");
  run_until(pipeline, "nokey.log", [&] {
    return scalar("SELECT count() FROM w3k") >= 1 && dead_letter_lines() >= 1 &&
           has(log_of("nokey.log"), "in 4 ");
  });
  EXPECT_EQ(scalar("SELECT count() FROM w3k"), 1u);
  EXPECT_EQ(scalar("SELECT countIf(email = 'n@example.com' AND country = 'PL') FROM w3k"), 1u);
  // The order without user_id is not dead-lettered: the stateless step before the join casts
  // its missing user_id to "" (output_type string, as GlassFlow does), a key like any other.
  EXPECT_EQ(dead_letter_lines(), 1u) << read_file(dead_letter_path()).value_or("");
  EXPECT_EQ(dead_letter_lines("\"reason\":\"join_key_missing\""), 1u);
  EXPECT_EQ(dead_letter_lines("\"component\":\"join\""), 1u);
  EXPECT_EQ(dead_letter_lines("right_source.key) is null"), 1u);
  EXPECT_EQ(dead_letter_lines("\"topic\":\"w3k_users\""), 1u);
}

}  // namespace
}  // namespace sluice::testing
