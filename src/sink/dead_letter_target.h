#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "config/pipeline.h"
#include "sink/dead_letter_archive.h"
#include "sink/dead_letter_store.h"

namespace sluice::sink {

// Where a pipeline's dead letters go (docs/dead-letters.md), as given to
// `sluice run --dead-letter SPEC` and `sluice dlq ... --dead-letter SPEC`:
//   ""                      the local log DATA_DIR/<pipeline_id>/dead_letters.jsonl (default)
//   PATH or file:PATH       the local log at PATH
//   clickhouse:[db.]TABLE   a table on the sink's ClickHouse server (created when missing;
//                           db defaults to the sink's database)
struct DeadLetterTarget {
  std::string file;             // the local log (when table is empty)
  std::string database, table;  // the ClickHouse table

  bool is_table() const { return !table.empty(); }
  std::string describe() const;  // "file PATH" or "ClickHouse table db.t"
};

Result<DeadLetterTarget> parse_dead_letter_target(std::string_view spec,
                                                  const std::string& data_dir,
                                                  const std::string& pipeline_id,
                                                  const std::string& sink_database);

// The store a running pipeline appends to. A table store retries while ClickHouse is away
// (until `stop` is set).
Result<std::unique_ptr<DeadLetterStore>> open_dead_letter_store(const DeadLetterTarget& target,
                                                                const config::Pipeline& pipeline,
                                                                const std::atomic<bool>* stop);

// The same entries for `sluice dlq`. A table needs the pipeline (its sink's connection);
// `exclusive` locks a local log against a running pipeline (tables cannot be locked: stop the
// pipeline first, docs/dead-letters.md).
Result<std::unique_ptr<DeadLetterArchive>> open_dead_letter_archive(
    const DeadLetterTarget& target, const config::Pipeline* pipeline,
    const std::string& pipeline_id, bool exclusive);

}  // namespace sluice::sink
