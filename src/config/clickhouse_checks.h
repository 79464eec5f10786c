#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "clickhouse/result_decoder.h"
#include "config/pipeline.h"

// Start-up checks of the sink against the live ClickHouse server: reachable, the table exists,
// every mapped column exists with a type compatible with the mapping. Each problem is one line
// saying what is wrong and how to fix it. (They live here, next to the mapping rules, because
// they compare the pipeline file with the server.)
namespace sluice::config {

// Whether a table column of type `table_type` can take values declared as `mapping_type`:
// equal after removing Nullable(...) and LowCardinality(...) on either side (the reference's
// UI strips Nullable), ignoring DateTime time zones. Unparseable types are incompatible.
bool column_types_compatible(const std::string& table_type, const std::string& mapping_type);

// The mapping compared with the table's columns (name, type as system.columns prints it).
std::vector<std::string> compare_with_table(const Pipeline& pipeline,
                                            const std::vector<clickhouse::ColumnHeader>& columns);

// Connects (bounded by `timeout`) and runs every check; empty when all passed.
std::vector<std::string> check_clickhouse(const Pipeline& pipeline,
                                          std::chrono::milliseconds timeout);

}  // namespace sluice::config
