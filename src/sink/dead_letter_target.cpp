#include "sink/dead_letter_target.h"

#include "config/clickhouse_options.h"
#include "sink/dead_letter_file.h"
#include "sink/dead_letter_table.h"

namespace sluice::sink {
namespace {

constexpr std::string_view kTablePrefix = "clickhouse:";
constexpr std::string_view kFilePrefix = "file:";

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string DeadLetterTarget::describe() const {
  return is_table() ? "ClickHouse table " + database + "." + table : "file " + file;
}

Result<DeadLetterTarget> parse_dead_letter_target(std::string_view spec,
                                                  const std::string& data_dir,
                                                  const std::string& pipeline_id,
                                                  const std::string& sink_database) {
  DeadLetterTarget target;
  if (spec.starts_with(kTablePrefix)) {
    std::string_view name = spec.substr(kTablePrefix.size());
    const size_t dot = name.find('.');
    target.database = dot == std::string_view::npos ? sink_database : name.substr(0, dot);
    target.table = dot == std::string_view::npos ? name : name.substr(dot + 1);
    if (!is_identifier(target.database) || !is_identifier(target.table))
      return Error(ErrorCode::InvalidArgument,
                   "dead-letter target \"" + std::string(spec) +
                       "\": expected clickhouse:TABLE or clickhouse:DATABASE.TABLE with names "
                       "of letters, digits and _");
    return target;
  }
  if (spec.starts_with(kFilePrefix)) spec.remove_prefix(kFilePrefix.size());
  target.file =
      spec.empty() ? data_dir + "/" + pipeline_id + "/dead_letters.jsonl" : std::string(spec);
  return target;
}

Result<std::unique_ptr<DeadLetterStore>> open_dead_letter_store(const DeadLetterTarget& target,
                                                                const config::Pipeline& pipeline,
                                                                const std::atomic<bool>* stop) {
  if (!target.is_table()) {
    auto file = DeadLetterFile::open(target.file, pipeline.pipeline_id);
    if (!file.ok()) return file.error();
    return std::unique_ptr<DeadLetterStore>(std::move(file).value());
  }
  auto table = DeadLetterTable::open(config::clickhouse_options(pipeline.sink.connection),
                                     target.database, target.table, pipeline.pipeline_id, stop);
  if (!table.ok()) return table.error();
  return std::unique_ptr<DeadLetterStore>(std::move(table).value());
}

Result<std::unique_ptr<DeadLetterArchive>> open_dead_letter_archive(
    const DeadLetterTarget& target, const config::Pipeline* pipeline,
    const std::string& pipeline_id, bool exclusive) {
  if (!target.is_table()) return open_file_archive(target.file, exclusive);
  if (pipeline == nullptr)
    return Error(ErrorCode::InvalidArgument,
                 "dead letters in a ClickHouse table need the pipeline file (for the sink's "
                 "connection): pass the file instead of the pipeline id");
  auto table = DeadLetterTable::open(config::clickhouse_options(pipeline->sink.connection),
                                     target.database, target.table, pipeline_id, nullptr);
  if (!table.ok()) return table.error();
  return std::unique_ptr<DeadLetterArchive>(std::move(table).value());
}

}  // namespace sluice::sink
