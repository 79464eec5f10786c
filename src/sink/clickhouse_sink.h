#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "clickhouse/connection.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "native/block_encoder.h"

namespace sluice::sink {

struct ClickHouseSinkOptions {
  config::SinkConfig sink;
  std::vector<config::SchemaField> fields;  // the schema the batch columns follow
  clickhouse::Compression compression = clickhouse::Compression::LZ4;
  const std::atomic<bool>* stop = nullptr;  // abandons retries when set
};

// Writes batches into one ClickHouse table through the native protocol, one INSERT with
// one Native block per batch. Rows whose values cannot be converted to their column type
// are moved to the batch's rejected records. Failures the server or the network marks as
// retriable are retried with capped exponential backoff until they succeed or `stop` is
// set; permanent failures are returned and nothing of that batch is in the table.
// Used by one thread.
class ClickHouseSink {
 public:
  // Connects and asks the server for the table's column types (so a missing table or
  // column fails here, before anything is consumed).
  static Result<std::unique_ptr<ClickHouseSink>> open(ClickHouseSinkOptions options);

  // Returns the number of rows inserted.
  Result<size_t> write(Batch& batch);

  const clickhouse::ServerInfo& server() const { return connection_->server(); }
  const std::string& insert_sql() const { return insert_sql_; }
  uint64_t retries() const { return retries_; }

 private:
  explicit ClickHouseSink(ClickHouseSinkOptions options);
  Status connect();
  Status adopt_header(const std::vector<clickhouse::ColumnHeader>& header);
  // Encodes `rows_`, moving rows that fail conversion into batch.rejected.
  void encode(Batch& batch);
  Status insert_once(Batch& batch);
  bool sleep_backoff(int attempt);

  ClickHouseSinkOptions options_;
  std::string insert_sql_;
  std::vector<size_t> field_index_;  // per mapping entry: index into the batch columns
  std::unique_ptr<clickhouse::Connection> connection_;
  std::vector<clickhouse::ColumnHeader> header_;
  std::optional<native::BlockEncoder> encoder_;
  std::vector<uint32_t> rows_;
  std::string body_;
  uint64_t retries_ = 0;
};

// `name` quoted as a ClickHouse identifier: `a.b` -> `a.b` in backquotes, escaping.
std::string quote_identifier(std::string_view name);

}  // namespace sluice::sink
