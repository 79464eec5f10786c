#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "clickhouse/connection.h"
#include "clickhouse/insert_client.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "native/block_encoder.h"
#include "sink/row_inserter.h"
#include "sink/sink_health.h"

namespace sluice::sink {

struct ClickHouseSinkOptions {
  config::SinkConfig sink;
  std::vector<config::SchemaField> fields;  // the schema the batch columns follow
  // nullopt = auto: none to a server on the loopback, LZ4 otherwise (clickhouse/loopback.h).
  std::optional<clickhouse::Compression> compression;
  const std::atomic<bool>* stop = nullptr;  // abandons retries when set
  SinkHealth* health = nullptr;             // optional: retry state for status lines
};

// Writes batches into one ClickHouse table through the native protocol, one INSERT with
// one Native block per batch. Failures are handled by class (sink/failure_class.h):
// - values that cannot be converted to their column type: the row is moved to the batch's
//   rejected records (conversion_failed);
// - retryable (network, overload...): retried with capped exponential backoff until they
//   succeed or `stop` is set;
// - the server refuses the block's content: the batch is split until the refused rows are
//   found; the rest is inserted, they are moved to rejected (server_rejected, server text);
// - anything else (table gone, credentials): returned; the batch must not be committed.
// Used by one thread.
class ClickHouseSink final : public RowInserter {
 public:
  // Connects and asks the server for the table's column types (so a missing table or
  // column fails here, before anything is consumed).
  static Result<std::unique_ptr<ClickHouseSink>> open(ClickHouseSinkOptions options);

  // Returns the number of rows inserted.
  Result<size_t> write(Batch& batch);

  // RowInserter: one INSERT of exactly these rows, retrying retryable failures.
  Status insert_rows(const Batch& batch, std::span<const uint32_t> rows) override;

  const clickhouse::ServerInfo& server() const { return server_; }
  // What blocks are sent with (auto resolved at connect).
  clickhouse::Compression compression() const { return compression_; }
  const std::string& insert_sql() const { return insert_sql_; }
  uint64_t retries() const { return retries_; }

 private:
  explicit ClickHouseSink(ClickHouseSinkOptions options);
  Status connect();
  Status adopt_header(const std::vector<clickhouse::ColumnHeader>& header);
  // Encodes `rows_` into `body_`, moving rows that fail conversion into batch.rejected.
  void encode(Batch& batch);
  Status insert_once(std::string_view body);
  void note_retry(const Error& error);

  ClickHouseSinkOptions options_;
  std::string insert_sql_;
  std::vector<size_t> field_index_;  // per mapping entry: index into the batch columns
  std::unique_ptr<clickhouse::InsertClient> connection_;
  clickhouse::ServerInfo server_;
  clickhouse::Compression compression_ = clickhouse::Compression::LZ4;
  std::vector<clickhouse::ColumnHeader> header_;
  std::optional<native::BlockEncoder> encoder_;
  std::vector<uint32_t> rows_;
  std::string body_;        // the block for all of rows_
  std::string split_body_;  // the block for a part of them while splitting
  bool header_changed_ = false;
  uint64_t retries_ = 0;
};

// `name` quoted as a ClickHouse identifier: `a.b` -> `a.b` in backquotes, escaping.
std::string quote_identifier(std::string_view name);

}  // namespace sluice::sink
