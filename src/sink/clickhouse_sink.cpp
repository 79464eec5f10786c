#include "sink/clickhouse_sink.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

namespace sluice::sink {

std::string quote_identifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('`');
  return out;
}

ClickHouseSink::ClickHouseSink(ClickHouseSinkOptions options) : options_(std::move(options)) {
  const config::SinkConfig& sink = options_.sink;
  insert_sql_ = "INSERT INTO " + quote_identifier(sink.connection.database) + "." +
                quote_identifier(sink.table) + " (";
  for (size_t i = 0; i < sink.mapping.size(); ++i) {
    if (i > 0) insert_sql_ += ", ";
    insert_sql_ += quote_identifier(sink.mapping[i].column_name);
    size_t index = 0;
    while (index < options_.fields.size() && options_.fields[index].name != sink.mapping[i].name)
      ++index;
    field_index_.push_back(index);  // validated by the config loader: always found
  }
  insert_sql_ += ") VALUES";
}

Result<std::unique_ptr<ClickHouseSink>> ClickHouseSink::open(ClickHouseSinkOptions options) {
  std::unique_ptr<ClickHouseSink> sink(new ClickHouseSink(std::move(options)));
  SLUICE_RETURN_IF_ERROR(sink->connect());
  // An INSERT with no rows returns the table's header: names and exact types.
  auto header = sink->connection_->begin_insert(sink->insert_sql_);
  if (!header.ok()) return header.error().with_context("ClickHouse table check failed");
  SLUICE_RETURN_IF_ERROR(sink->connection_->end_insert());
  SLUICE_RETURN_IF_ERROR(sink->adopt_header(header.value()));
  return sink;
}

Status ClickHouseSink::connect() {
  const config::ClickHouseConnection& c = options_.sink.connection;
  clickhouse::ConnectionOptions o;
  o.host = c.host;
  o.port = c.port;
  o.database = c.database;
  o.user = c.username;
  o.password = c.password;
  o.compression = options_.compression;
  auto connection = clickhouse::Connection::open(o);
  if (!connection.ok()) {
    return connection.error().with_context("cannot connect to ClickHouse at " + c.host + ":" +
                                           std::to_string(c.port));
  }
  connection_ = std::move(connection).value();
  return Status::success();
}

Status ClickHouseSink::adopt_header(const std::vector<clickhouse::ColumnHeader>& header) {
  const auto& mapping = options_.sink.mapping;
  if (header.size() != mapping.size())
    return Error(ErrorCode::Protocol, "ClickHouse returned " + std::to_string(header.size()) +
                                          " columns for " + std::to_string(mapping.size()));
  std::vector<native::ColumnBinding> bindings;
  for (size_t i = 0; i < mapping.size(); ++i) {
    native::ColumnBinding b;
    b.column_name = header[i].name;
    b.column_type = header[i].type;  // the table's type wins: the server decodes by it
    b.field_index = field_index_[i];
    b.field_name = mapping[i].name;
    bindings.push_back(std::move(b));
  }
  auto encoder = native::BlockEncoder::create(std::move(bindings));
  if (!encoder.ok()) return encoder.error().with_context("table " + options_.sink.table);
  encoder_.emplace(std::move(encoder).value());
  header_ = header;
  return Status::success();
}

void ClickHouseSink::encode(Batch& batch) {
  while (true) {
    body_.clear();
    std::vector<native::RowFailure> failures = encoder_->encode(batch, rows_, body_);
    if (failures.empty()) return;
    std::vector<uint32_t> bad;
    for (auto& f : failures) {
      batch.rejected.push_back(batch.make_rejected(f.row, RejectReason::ConversionFailed,
                                                   std::move(f.detail)));
      bad.push_back(f.row);
    }
    std::sort(bad.begin(), bad.end());
    std::erase_if(rows_, [&](uint32_t r) { return std::binary_search(bad.begin(), bad.end(), r); });
  }
}

Result<size_t> ClickHouseSink::write(Batch& batch) {
  rows_.resize(batch.rows());
  for (uint32_t r = 0; r < rows_.size(); ++r) rows_[r] = r;
  if (rows_.empty()) return size_t{0};
  encode(batch);
  if (rows_.empty()) return size_t{0};

  for (int attempt = 0;; ++attempt) {
    Status status = insert_once(batch);
    if (status.ok()) return rows_.size();
    const Error& error = status.error();
    if (!error.retriable()) return error;
    ++retries_;
    std::fprintf(stderr, "sluice: ClickHouse insert failed, retrying: %s\n",
                 error.message().c_str());
    if (!sleep_backoff(attempt))
      return Error(ErrorCode::Shutdown, "stopped while retrying: " + error.message());
    if (connection_ == nullptr || connection_->broken()) {
      connection_.reset();
      if (Status s = connect(); !s.ok()) {
        if (!s.error().retriable()) return s.error();
        continue;
      }
    }
  }
}

Status ClickHouseSink::insert_once(Batch& batch) {
  if (connection_ == nullptr) SLUICE_RETURN_IF_ERROR(connect());
  auto header = connection_->begin_insert(insert_sql_);
  if (!header.ok()) return header.error();
  bool same = header.value().size() == header_.size();
  for (size_t i = 0; same && i < header_.size(); ++i)
    same = header.value()[i].name == header_[i].name && header.value()[i].type == header_[i].type;
  if (!same) {
    // The table changed under us (ALTER): encode again by its current types.
    SLUICE_RETURN_IF_ERROR(adopt_header(header.value()));
    encode(batch);
  }
  if (!rows_.empty()) SLUICE_RETURN_IF_ERROR(connection_->send_block(body_));
  return connection_->end_insert();
}

bool ClickHouseSink::sleep_backoff(int attempt) {
  auto delay = std::chrono::milliseconds(100) * (1 << std::min(attempt, 7));  // 100 ms .. 12.8 s
  auto deadline = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < deadline) {
    if (options_.stop && options_.stop->load()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace sluice::sink
