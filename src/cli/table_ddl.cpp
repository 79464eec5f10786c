#include "cli/table_ddl.h"

#include "sink/clickhouse_sink.h"

namespace sluice::cli {

std::string table_ddl(const config::Pipeline& pipeline, const std::string& engine) {
  const config::SinkConfig& sink = pipeline.sink;
  std::string ddl = "CREATE TABLE IF NOT EXISTS " +
                    sink::quote_identifier(sink.connection.database) + "." +
                    sink::quote_identifier(sink.table) + "\n(\n";
  for (size_t i = 0; i < sink.mapping.size(); ++i) {
    ddl += "    " + sink::quote_identifier(sink.mapping[i].column_name) + " " +
           sink.mapping[i].column_type + (i + 1 < sink.mapping.size() ? ",\n" : "\n");
  }
  ddl += ")\nENGINE = " + engine + "\n";
  return ddl;
}

}  // namespace sluice::cli
