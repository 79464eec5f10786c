#include "sink/dead_letter_table.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "base/varint.h"
#include "clickhouse/value_text.h"
#include "sink/backoff.h"
#include "sink/clickhouse_sink.h"
#include "sink/failure_class.h"

namespace sluice::sink {
namespace {

// The table's columns in order: name and type.
struct Column {
  const char* name;
  const char* type;
};
constexpr Column kColumns[] = {
    {"pipeline_id", "String"},    {"seq", "UInt64"},         {"version", "UInt64"},
    {"deleted", "UInt8"},         {"time", "DateTime"},      {"component", "String"},
    {"reason", "String"},         {"detail", "String"},      {"kafka_topic", "String"},
    {"kafka_partition", "Int32"}, {"kafka_offset", "Int64"}, {"kafka_timestamp_ms", "Int64"},
    {"kafka_key", "String"},      {"payload", "String"},
};

// "2026-11-25T10:00:00Z" -> Unix seconds (UTC); now when it does not parse.
uint32_t seconds_of(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
    return static_cast<uint32_t>(std::time(nullptr));
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<uint32_t>(timegm(&tm));
}

int64_t to_int(const std::optional<std::string>& v) {
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

// A Native block body of `rows` (entries followed by tombstones), column by column.
std::string encode_block(const std::string& pipeline_id, const std::vector<DeadLetterEntry>& rows,
                         const std::vector<uint64_t>& tombstones, uint64_t version,
                         bool custom_serialization_flag) {
  const size_t n = rows.size() + tombstones.size();
  std::string out;
  append_varuint(out, std::size(kColumns));
  append_varuint(out, n);
  const DeadLetterEntry empty;
  auto row = [&](size_t i) -> const DeadLetterEntry& { return i < rows.size() ? rows[i] : empty; };
  for (size_t c = 0; c < std::size(kColumns); ++c) {
    append_binary_string(out, kColumns[c].name);
    append_binary_string(out, kColumns[c].type);
    if (custom_serialization_flag) out.push_back('\0');
    for (size_t i = 0; i < n; ++i) {
      const DeadLetterEntry& e = row(i);
      const bool tomb = i >= rows.size();
      switch (c) {
        case 0:
          append_binary_string(out, pipeline_id);
          break;
        case 1:
          append_fixed<uint64_t>(out, tomb ? tombstones[i - rows.size()] : e.seq);
          break;
        case 2:
          append_fixed<uint64_t>(out, version);
          break;
        case 3:
          append_fixed<uint8_t>(out, tomb ? 1 : 0);
          break;
        case 4:
          append_fixed<uint32_t>(out, tomb ? 0 : seconds_of(e.time));
          break;
        case 5:
          append_binary_string(out, e.component);
          break;
        case 6:
          append_binary_string(out, e.reason);
          break;
        case 7:
          append_binary_string(out, e.detail);
          break;
        case 8:
          append_binary_string(out, e.topic);
          break;
        case 9:
          append_fixed<int32_t>(out, e.partition);
          break;
        case 10:
          append_fixed<int64_t>(out, e.offset);
          break;
        case 11:
          append_fixed<int64_t>(out, e.timestamp_ms);
          break;
        case 12:
          append_binary_string(out, e.key);
          break;
        case 13:
          append_binary_string(out, e.payload);
          break;
      }
    }
  }
  return out;
}

}  // namespace

DeadLetterTable::DeadLetterTable(clickhouse::ConnectionOptions options, std::string database,
                                 std::string table, std::string pipeline_id,
                                 const std::atomic<bool>* stop)
    : options_(std::move(options)),
      database_(std::move(database)),
      table_(std::move(table)),
      pipeline_id_(std::move(pipeline_id)),
      qualified_(quote_identifier(database_) + "." + quote_identifier(table_)),
      stop_(stop) {}

std::string DeadLetterTable::create_sql() const {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + qualified_ + " (";
  for (size_t c = 0; c < std::size(kColumns); ++c) {
    if (c > 0) sql += ", ";
    sql += quote_identifier(kColumns[c].name) + " " + kColumns[c].type;
  }
  return sql + ") ENGINE = ReplacingMergeTree(version) ORDER BY (pipeline_id, seq)";
}

std::string DeadLetterTable::where() const {
  return "ClickHouse table " + database_ + "." + table_;
}

Status DeadLetterTable::connect() {
  if (client_ && !client_->broken()) return Status::success();
  client_.reset();
  auto client = clickhouse::open_insert_client(options_);
  if (!client.ok()) return client.error();
  client_ = std::move(client).value();
  return Status::success();
}

Result<std::unique_ptr<DeadLetterTable>> DeadLetterTable::open(
    clickhouse::ConnectionOptions options, std::string database, std::string table,
    std::string pipeline_id, const std::atomic<bool>* stop) {
  std::unique_ptr<DeadLetterTable> t(new DeadLetterTable(
      std::move(options), std::move(database), std::move(table), std::move(pipeline_id), stop));
  auto fail = [&](const Error& e) {
    return e.with_context("dead-letter table " + t->database_ + "." + t->table_);
  };
  if (Status s = t->connect(); !s.ok()) return fail(s.error());
  if (Status s = t->client_->execute(t->create_sql()); !s.ok()) return fail(s.error());
  auto max = t->client_->query("SELECT max(seq), max(version) FROM " + t->qualified_ +
                               " WHERE pipeline_id = " + clickhouse::quote_string(t->pipeline_id_));
  if (!max.ok()) return fail(max.error());
  if (!max->rows.empty() && max->rows[0].size() == 2) {
    t->next_seq_ = static_cast<uint64_t>(to_int(max->rows[0][0])) + 1;
    t->last_version_ = static_cast<uint64_t>(to_int(max->rows[0][1]));
  }
  return t;
}

uint64_t DeadLetterTable::next_version() {
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  last_version_ = std::max<uint64_t>(last_version_ + 1, static_cast<uint64_t>(now));
  return last_version_;
}

Status DeadLetterTable::insert_once(const std::string& body) {
  auto header = client_->begin_insert("INSERT INTO " + qualified_ + " VALUES");
  Status done = header.ok() ? client_->send_block(body) : Status(header.error());
  if (done.ok()) done = client_->end_insert();
  if (!done.ok()) client_.reset();  // a refused INSERT leaves the connection unusable
  return done;
}

Status DeadLetterTable::insert(const std::vector<DeadLetterEntry>& entries,
                               const std::vector<uint64_t>& deleted) {
  Backoff backoff;
  while (true) {
    Status connected = connect();
    Status status = connected;
    if (connected.ok()) {
      const std::string body = encode_block(pipeline_id_, entries, deleted, next_version(),
                                            client_->revision() >= 54454);
      status = insert_once(body);
    }
    if (status.ok()) return status;
    if (classify_failure(status.error()) != FailureClass::Retryable)
      return status.error().with_context("dead-letter table " + database_ + "." + table_);
    std::fprintf(stderr, "sluice: dead-letter insert failed, retrying with backoff: %s\n",
                 status.error().message().c_str());
    if (!sleep_unless_stopped(backoff.next(), stop_))
      return Error(ErrorCode::Shutdown,
                   "stopped while retrying the dead-letter insert: " + status.error().message());
  }
}

Status DeadLetterTable::write(const std::vector<RejectedRecord>& records,
                              const std::vector<std::string>& topics) {
  if (records.empty()) return Status::success();
  std::vector<DeadLetterEntry> entries = entries_from(records, topics, pipeline_id_);
  const std::string now = utc_now_iso8601();
  uint64_t seq = next_seq_;
  for (DeadLetterEntry& e : entries) {
    e.seq = seq++;
    e.time = now;
  }
  SLUICE_RETURN_IF_ERROR(insert(entries, {}));
  next_seq_ = seq;
  return Status::success();
}

Result<LogContents> DeadLetterTable::read() {
  SLUICE_RETURN_IF_ERROR(connect());
  // FINAL picks each entry's newest version; `deleted` is filtered outside, after FINAL.
  auto result = client_->query(
      "SELECT seq, toUnixTimestamp(time), component, reason, detail, kafka_topic, "
      "kafka_partition, kafka_offset, kafka_timestamp_ms, kafka_key, payload FROM (SELECT * "
      "FROM " +
      qualified_ + " FINAL WHERE pipeline_id = " + clickhouse::quote_string(pipeline_id_) +
      ") WHERE deleted = 0 ORDER BY seq");
  if (!result.ok()) return result.error().with_context("dead-letter table " + where());
  LogContents out;
  for (auto& r : result->rows) {
    if (r.size() != 11) return Error(ErrorCode::Protocol, "unexpected dead-letter table row");
    DeadLetterEntry e;
    e.seq = static_cast<uint64_t>(to_int(r[0]));
    e.time = utc_iso8601(to_int(r[1]));
    e.pipeline_id = pipeline_id_;
    e.component = r[2].value_or("");
    e.reason = r[3].value_or("");
    e.detail = r[4].value_or("");
    e.topic = r[5].value_or("");
    e.partition = static_cast<int32_t>(to_int(r[6]));
    e.offset = to_int(r[7]);
    e.timestamp_ms = to_int(r[8]);
    e.key = r[9].value_or("");
    e.payload = r[10].value_or("");
    out.entries.push_back(std::move(e));
  }
  return out;
}

Status DeadLetterTable::update(const std::vector<uint64_t>& removed,
                               const std::vector<DeadLetterEntry>& updated) {
  if (removed.empty() && updated.empty()) return Status::success();
  return insert(updated, removed);
}

}  // namespace sluice::sink
