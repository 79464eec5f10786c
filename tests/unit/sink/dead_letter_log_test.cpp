#include <gtest/gtest.h>

#include <fstream>

#include "sink/dead_letter_entry.h"
#include "sink/dead_letter_file.h"
#include "sink/dead_letter_log.h"
#include "support/temp_dir.h"

namespace sluice::sink {
namespace {

using testing::TempDir;

RejectedRecord record(int64_t offset, std::string payload) {
  RejectedRecord r;
  r.origin.partition = Partition{2};
  r.origin.offset = Offset{offset};
  r.origin.timestamp_ms = 1700000000000;
  r.payload = std::move(payload);
  r.key = std::string("k\0y", 3);
  r.reason = RejectReason::ServerRejected;
  r.detail = "Code: 395, \"quoted\" \u00e9\n";
  return r;
}

TEST(DeadLetterEntry, RoundTripsEveryField) {
  DeadLetterEntry e;
  e.seq = 42;
  e.time = "2026-01-01T00:00:00Z";
  e.pipeline_id = "p";
  e.component = "sink";
  e.reason = "server_rejected";
  e.detail = "tab\t quote\" backslash\\ \x01 \xc3\xa9";
  e.topic = "events";
  e.partition = 7;
  e.offset = -1;
  e.timestamp_ms = 1700000000123;
  e.key = std::string("\0\xff", 2);
  e.payload = "{\"a\":1}";
  std::string line;
  append_entry_line(line, e);
  ASSERT_EQ(line.back(), '\n');
  auto back = parse_entry_line(std::string_view(line).substr(0, line.size() - 1));
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->seq, 42u);
  EXPECT_EQ(back->detail, e.detail);
  EXPECT_EQ(back->partition, 7);
  EXPECT_EQ(back->offset, -1);
  EXPECT_EQ(back->timestamp_ms, e.timestamp_ms);
  EXPECT_EQ(back->key, e.key);
  EXPECT_EQ(back->payload, e.payload);
  EXPECT_FALSE(parse_entry_line("{\"seq\":").ok());
}

TEST(DeadLetterFile, SequenceContinuesAcrossReopenAndPurge) {
  auto dir = TempDir::create("dlq-unit");
  ASSERT_TRUE(dir.ok());
  std::string path = dir->file("p/dead_letters.jsonl");
  {
    auto f = DeadLetterFile::open(path, "p");
    ASSERT_TRUE(f.ok()) << f.error().message();
    ASSERT_TRUE((*f)->write({record(1, "a"), record(2, "b")}, {"events"}).ok());
    // A second writer is refused while the first holds the file.
    EXPECT_FALSE(DeadLetterFile::open(path, "p").ok());
    EXPECT_FALSE(DeadLetterLock::acquire(path).ok());
  }
  {
    auto f = DeadLetterFile::open(path, "p");
    ASSERT_TRUE(f.ok());
    EXPECT_EQ((*f)->next_seq(), 3u);
    ASSERT_TRUE((*f)->write({record(3, "c")}, {"events"}).ok());
  }
  auto log = read_log(path);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->entries.size(), 3u);
  EXPECT_EQ(log->entries[2].seq, 3u);
  EXPECT_EQ(log->entries[0].topic, "events");
  EXPECT_EQ(log->entries[0].reason, "server_rejected");
  EXPECT_EQ(log->entries[0].component, "sink");
  EXPECT_EQ(log->entries[1].payload, "b");
  EXPECT_EQ(log->entries[1].key, std::string("k\0y", 3));

  {  // purge all: numbers are not reused
    auto lock = DeadLetterLock::acquire(path);
    ASSERT_TRUE(lock.ok());
    ASSERT_TRUE(rewrite_log(path, {}, 4).ok());
  }
  auto f = DeadLetterFile::open(path, "p");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->next_seq(), 4u);
}

TEST(DeadLetterFile, TornLineAndOldEntriesWithoutSeq) {
  auto dir = TempDir::create("dlq-unit");
  ASSERT_TRUE(dir.ok());
  std::string path = dir->file("dead_letters.jsonl");
  std::ofstream(path) << "{\"reason\":\"invalid_json\",\"payload_base64\":\"eA==\"}\n"
                      << "{\"reason\":\"invalid_json\",\"payload_base64\":\"eQ==\"}\n"
                      << "{\"seq\":3,\"reas";  // a crash in the middle of an append
  auto f = DeadLetterFile::open(path, "p");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)->next_seq(), 3u);
  ASSERT_TRUE((*f)->write({record(9, "z")}, {"t"}).ok());
  auto log = read_log(path);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->entries.size(), 3u);
  EXPECT_EQ(log->skipped_lines, 1u);
  EXPECT_EQ(log->entries[0].seq, 1u);
  EXPECT_EQ(log->entries[1].payload, "y");
  EXPECT_EQ(log->entries[2].seq, 3u);
  EXPECT_EQ(log->entries[2].payload, "z");
}

}  // namespace
}  // namespace sluice::sink
