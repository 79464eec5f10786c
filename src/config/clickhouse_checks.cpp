#include "config/clickhouse_checks.h"

#include "clickhouse/insert_client.h"
#include "config/clickhouse_options.h"

#include "clickhouse/connection.h"
#include "clickhouse/value_text.h"
#include "config/text_util.h"
#include "native/type_parser.h"

namespace sluice::config {
namespace {

const native::TypeDesc& unwrapped(const native::TypeDesc& type) {
  const native::TypeDesc* t = &type;
  while ((t->kind == native::TypeKind::Nullable || t->kind == native::TypeKind::LowCardinality) &&
         !t->children.empty()) {
    t = &t->children[0];
  }
  return *t;
}

std::string where_text(const Pipeline& pipeline) {
  const ClickHouseConnection& c = pipeline.sink.connection;
  return "ClickHouse at " + c.host + ":" + std::to_string(c.port);
}

}  // namespace

bool column_types_compatible(const std::string& table_type, const std::string& mapping_type) {
  auto table = native::parse_type(table_type);
  auto mapped = native::parse_type(mapping_type);
  if (!table.ok() || !mapped.ok()) return false;
  const native::TypeDesc& a = unwrapped(table.value());
  const native::TypeDesc& b = unwrapped(mapped.value());
  if (a.kind != b.kind) return false;
  if (a.kind == native::TypeKind::DateTime) return true;
  if (a.kind == native::TypeKind::DateTime64) return a.precision == b.precision;
  return a.name == b.name;
}

std::vector<std::string> compare_with_table(const Pipeline& pipeline,
                                            const std::vector<clickhouse::ColumnHeader>& columns) {
  std::vector<std::string> problems;
  const SinkConfig& sink = pipeline.sink;
  const std::string table = sink.connection.database + "." + sink.table;
  for (size_t i = 0; i < sink.mapping.size(); ++i) {
    const MappingEntry& entry = sink.mapping[i];
    const std::string at = "sink.mapping[" + std::to_string(i) + "]";
    const clickhouse::ColumnHeader* column = nullptr;
    for (const auto& candidate : columns) {
      if (candidate.name == entry.column_name) column = &candidate;
    }
    if (column == nullptr) {
      problems.push_back(at + ": column " + quoted(entry.column_name) + " does not exist in " +
                         table + "; add it (ALTER TABLE " + table + " ADD COLUMN `" +
                         entry.column_name + "` " + entry.column_type + ") or fix column_name");
      continue;
    }
    if (!column_types_compatible(column->type, entry.column_type)) {
      problems.push_back(at + ": column " + quoted(entry.column_name) + " of " + table + " is " +
                         column->type + ", but column_type says " + entry.column_type +
                         "; set column_type: " + quoted(column->type) +
                         " or change the column's type");
    }
  }
  return problems;
}

std::vector<std::string> check_clickhouse(const Pipeline& pipeline,
                                          std::chrono::milliseconds timeout) {
  const ClickHouseConnection& c = pipeline.sink.connection;
  clickhouse::ConnectionOptions options = clickhouse_options(c);
  options.connect_timeout = timeout;
  options.io_timeout = timeout;
  auto connection = clickhouse::open_insert_client(options);
  if (!connection.ok()) {
    return {"sink.connection_params: " + where_text(pipeline) +
            " is not reachable: " + connection.error().message() +
            "; check host and port (the native TCP port, 9000 or 9440 with TLS), username and "
            "password, and that the server is running"};
  }
  const std::string table = c.database + "." + pipeline.sink.table;
  auto exists = connection.value()->query(
      "SELECT name FROM system.tables WHERE database = " + clickhouse::quote_string(c.database) +
      " AND name = " + clickhouse::quote_string(pipeline.sink.table));
  if (!exists.ok()) {
    return {"sink: cannot list the tables of " + where_text(pipeline) + ": " +
            exists.error().message() + "; check that user " + quoted(c.username) +
            " may read system.tables"};
  }
  if (exists.value().rows.empty()) {
    return {"sink.table: table " + table + " does not exist in " + where_text(pipeline) +
            "; create it (`sluice ddl PIPELINE` prints a CREATE TABLE from the mapping) or fix "
            "database/table"};
  }
  auto columns =
      connection.value()->query("SELECT name, type FROM system.columns WHERE database = " +
                                clickhouse::quote_string(c.database) +
                                " AND table = " + clickhouse::quote_string(pipeline.sink.table));
  if (!columns.ok()) {
    return {"sink: cannot read the columns of " + table + ": " + columns.error().message()};
  }
  std::vector<clickhouse::ColumnHeader> headers;
  for (const auto& row : columns.value().rows) {
    if (row.size() >= 2 && row[0] && row[1]) headers.push_back({*row[0], *row[1]});
  }
  return compare_with_table(pipeline, headers);
}

}  // namespace sluice::config
