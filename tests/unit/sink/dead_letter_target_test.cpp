#include "sink/dead_letter_target.h"

#include <gtest/gtest.h>

namespace sluice::sink {
namespace {

TEST(DeadLetterTarget, DefaultIsTheLogInTheDataDirectory) {
  auto t = parse_dead_letter_target("", ".sluice", "orders", "analytics");
  ASSERT_TRUE(t.ok());
  EXPECT_FALSE(t->is_table());
  EXPECT_EQ(t->file, ".sluice/orders/dead_letters.jsonl");
  EXPECT_EQ(t->describe(), "file .sluice/orders/dead_letters.jsonl");
}

TEST(DeadLetterTarget, PathWithOrWithoutFilePrefix) {
  EXPECT_EQ(parse_dead_letter_target("/tmp/d.jsonl", ".sluice", "p", "db")->file, "/tmp/d.jsonl");
  EXPECT_EQ(parse_dead_letter_target("file:/tmp/d.jsonl", ".sluice", "p", "db")->file,
            "/tmp/d.jsonl");
}

TEST(DeadLetterTarget, TableDefaultsToTheSinkDatabase) {
  auto t = parse_dead_letter_target("clickhouse:dead_letters", ".sluice", "p", "analytics");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->is_table());
  EXPECT_EQ(t->database, "analytics");
  EXPECT_EQ(t->table, "dead_letters");
  EXPECT_EQ(t->describe(), "ClickHouse table analytics.dead_letters");
  auto q = parse_dead_letter_target("clickhouse:ops.dlq_2", ".sluice", "p", "analytics");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->database, "ops");
  EXPECT_EQ(q->table, "dlq_2");
}

TEST(DeadLetterTarget, BadTableNamesAreRefusedWithTheExpectedForm) {
  for (const char* spec : {"clickhouse:", "clickhouse:a.b.c", "clickhouse:dl;drop", "clickhouse:.t",
                           "clickhouse:db."}) {
    auto t = parse_dead_letter_target(spec, ".sluice", "p", "db");
    ASSERT_FALSE(t.ok()) << spec;
    EXPECT_NE(t.error().message().find("expected clickhouse:TABLE or clickhouse:DATABASE.TABLE"),
              std::string::npos)
        << t.error().message();
  }
}

}  // namespace
}  // namespace sluice::sink
