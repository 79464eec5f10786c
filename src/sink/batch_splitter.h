#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "sink/row_inserter.h"

namespace sluice::sink {

// A row the server refused on its own (the split got down to it alone).
struct ServerRejectedRow {
  uint32_t row = 0;
  std::string error;  // ClickHouse's exception text
};

struct SplitOutcome {
  size_t rows_written = 0;
  std::vector<ServerRejectedRow> rejected;  // ascending rows
  size_t inserts = 0;                       // INSERTs issued, the first one included
};

// Inserts `rows` through `inserter`. When the server refuses the block for its content
// (FailureClass::RowContent) the rows are split in halves, recursively, until the refused rows
// stand alone: every other row is inserted, each refused row is returned with the server's
// error. k bad rows among n cost about 2·k·log2(n) extra INSERTs. Any other failure (table,
// shutdown) is returned as is; rows inserted before it stay inserted (at-least-once: the
// batch is not committed, and a restart inserts them again).
Result<SplitOutcome> insert_isolating_bad_rows(RowInserter& inserter, const Batch& batch,
                                               std::span<const uint32_t> rows);

}  // namespace sluice::sink
