#include "sink/clickhouse_sink.h"

#include "config/clickhouse_options.h"

#include <algorithm>
#include <cstdio>

#include "clickhouse/loopback.h"
#include "sink/backoff.h"
#include "sink/batch_splitter.h"
#include "sink/failure_class.h"

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
  clickhouse::ConnectionOptions o = config::clickhouse_options(c);
  o.compression = clickhouse::resolve_compression(options_.compression, c.host);
  compression_ = o.compression;
  auto connection = clickhouse::open_insert_client(o);
  if (!connection.ok()) {
    const uint16_t port = c.protocol == config::ClickHouseProtocol::Http ? c.http_port : c.port;
    return connection.error().with_context("cannot connect to ClickHouse at " + c.host + ":" +
                                           std::to_string(port));
  }
  connection_ = std::move(connection).value();
  server_ = connection_->server();
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
      batch.rejected.push_back(
          batch.make_rejected(f.row, RejectReason::ConversionFailed, std::move(f.detail)));
      bad.push_back(f.row);
    }
    std::sort(bad.begin(), bad.end());
    std::erase_if(rows_, [&](uint32_t r) { return std::binary_search(bad.begin(), bad.end(), r); });
  }
}

Result<size_t> ClickHouseSink::write(Batch& batch) {
  // A table ALTERed under us is noticed by the insert (header_changed_): encode again by the
  // new types and start over. Bounded, in case the table keeps changing.
  for (int round = 0; round < 5; ++round) {
    rows_.resize(batch.rows());
    for (uint32_t r = 0; r < rows_.size(); ++r) rows_[r] = r;
    if (round > 0) {
      std::erase_if(batch.rejected, [](const RejectedRecord& r) {
        return r.reason == RejectReason::ConversionFailed;  // by the old column types
      });
    }
    if (rows_.empty()) return size_t{0};
    encode(batch);
    if (rows_.empty()) return size_t{0};

    auto outcome = insert_isolating_bad_rows(*this, batch, rows_);
    if (!outcome.ok()) {
      if (header_changed_) {
        header_changed_ = false;
        continue;
      }
      return outcome.error();
    }
    if (options_.health) {
      options_.health->split_inserts += outcome->inserts - 1;
      options_.health->server_rejected += outcome->rejected.size();
    }
    for (ServerRejectedRow& r : outcome->rejected) {
      batch.rejected.push_back(
          batch.make_rejected(r.row, RejectReason::ServerRejected, std::move(r.error)));
    }
    return outcome->rows_written;
  }
  return Error(ErrorCode::Internal, "table " + options_.sink.table +
                                        " changed its columns five times during one insert");
}

Status ClickHouseSink::insert_rows(const Batch& batch, std::span<const uint32_t> rows) {
  std::string_view body = body_;
  if (rows.data() != rows_.data() || rows.size() != rows_.size()) {
    // A part of the batch while splitting: these rows converted before, so they convert now.
    split_body_.clear();
    if (!encoder_->encode(batch, rows, split_body_).empty())
      return Error(ErrorCode::Internal, "a row that converted before failed to convert");
    body = split_body_;
  }
  Backoff backoff;
  bool retried = false;
  while (true) {
    Status status = insert_once(body);
    if (status.ok()) {
      if (retried) {
        std::fprintf(stderr, "sluice: ClickHouse insert succeeded after %llu retries\n",
                     static_cast<unsigned long long>(retries_));
        if (options_.health) options_.health->retrying = false;
      }
      return status;
    }
    if (header_changed_ || classify_failure(status.error()) != FailureClass::Retryable) {
      if (options_.health) options_.health->retrying = false;
      return status;
    }
    retried = true;
    note_retry(status.error());
    if (!sleep_unless_stopped(backoff.next(), options_.stop)) {
      if (options_.health) options_.health->retrying = false;
      return Error(ErrorCode::Shutdown, "stopped while retrying: " + status.error().message());
    }
  }
}

void ClickHouseSink::note_retry(const Error& error) {
  ++retries_;
  bool first = true;
  if (options_.health) {
    first = !options_.health->retrying.exchange(true) ||
            options_.health->last_error() != error.message();
    ++options_.health->retries;
    options_.health->set_last_error(error.message());
  }
  // Once per outage (or change of error): the status line repeats it while it lasts.
  if (first)
    std::fprintf(stderr, "sluice: ClickHouse insert failed, retrying with backoff: %s\n",
                 error.message().c_str());
}

Status ClickHouseSink::insert_once(std::string_view body) {
  if (connection_ == nullptr || connection_->broken()) {
    connection_.reset();
    SLUICE_RETURN_IF_ERROR(connect());
  }
  auto header = connection_->begin_insert(insert_sql_);
  if (!header.ok()) return header.error();
  bool same = header.value().size() == header_.size();
  for (size_t i = 0; same && i < header_.size(); ++i)
    same = header.value()[i].name == header_[i].name && header.value()[i].type == header_[i].type;
  if (!same) {
    // The table changed under us (ALTER): abandon this insert, encode again by its types.
    Status ended = connection_->end_insert();  // the empty block: inserts nothing
    (void)ended;
    SLUICE_RETURN_IF_ERROR(adopt_header(header.value()));
    header_changed_ = true;
    return Error(ErrorCode::Protocol, "table " + options_.sink.table + " changed its columns");
  }
  Status sent = body.empty() ? Status::success() : connection_->send_block(body);
  Status done = sent.ok() ? connection_->end_insert() : sent;
  // After a refused INSERT the server may already have ended the query while our end-of-data
  // block is still on the way ("Unexpected packet Data", code 101 on the next query): start the
  // next attempt on a fresh connection.
  if (!done.ok()) connection_.reset();
  return done;
}

}  // namespace sluice::sink
