#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "clickhouse/insert_client.h"
#include "sink/dead_letter_archive.h"
#include "sink/dead_letter_store.h"

namespace sluice::sink {

// Dead letters in a ClickHouse table (docs/dead-letters.md), one row per entry:
//   pipeline_id, seq, version, deleted, time, component, reason, detail,
//   kafka_topic, kafka_partition, kafka_offset, kafka_timestamp_ms, kafka_key, payload
// ENGINE ReplacingMergeTree(version) ORDER BY (pipeline_id, seq): every change is an INSERT of
// a newer version of the row (an updated entry, or a `deleted` tombstone), read back with FINAL.
// So nothing needs ALTER mutations, a change is one atomic insert, and sequence numbers are
// never reused (the tombstones keep the highest). Several pipelines may share one table.
// write() returns once ClickHouse acknowledged the insert; retryable failures are retried with
// backoff until `stop` is set. One thread at a time.
class DeadLetterTable final : public DeadLetterStore, public DeadLetterArchive {
 public:
  // Connects, creates the table when missing, and finds the next sequence number.
  static Result<std::unique_ptr<DeadLetterTable>> open(clickhouse::ConnectionOptions options,
                                                       std::string database, std::string table,
                                                       std::string pipeline_id,
                                                       const std::atomic<bool>* stop);

  Status write(const std::vector<RejectedRecord>& records,
               const std::vector<std::string>& topics) override;

  Result<LogContents> read() override;
  Status update(const std::vector<uint64_t>& removed,
                const std::vector<DeadLetterEntry>& updated) override;
  std::string where() const override;

  // The CREATE TABLE statement (for docs and tests).
  std::string create_sql() const;

 private:
  DeadLetterTable(clickhouse::ConnectionOptions options, std::string database, std::string table,
                  std::string pipeline_id, const std::atomic<bool>* stop);
  Status connect();
  // One INSERT of these rows (entries, then tombstones for `deleted`), retried while retryable.
  Status insert(const std::vector<DeadLetterEntry>& entries, const std::vector<uint64_t>& deleted);
  Status insert_once(const std::string& body);  // on a connected client_
  uint64_t next_version();

  clickhouse::ConnectionOptions options_;
  std::string database_, table_, pipeline_id_, qualified_;
  const std::atomic<bool>* stop_;
  std::unique_ptr<clickhouse::InsertClient> client_;
  uint64_t next_seq_ = 1;
  uint64_t last_version_ = 0;
};

}  // namespace sluice::sink
