#include "sink/batch_splitter.h"

#include "sink/failure_class.h"

namespace sluice::sink {

namespace {

Status insert_range(RowInserter& inserter, const Batch& batch, std::span<const uint32_t> rows,
                    SplitOutcome& out) {
  if (rows.empty()) return Status::success();
  ++out.inserts;
  Status status = inserter.insert_rows(batch, rows);
  if (status.ok()) {
    out.rows_written += rows.size();
    return status;
  }
  if (classify_failure(status.error()) != FailureClass::RowContent) return status;
  if (rows.size() == 1) {
    out.rejected.push_back({rows[0], status.error().message()});
    return Status::success();
  }
  size_t half = rows.size() / 2;
  SLUICE_RETURN_IF_ERROR(insert_range(inserter, batch, rows.first(half), out));
  return insert_range(inserter, batch, rows.subspan(half), out);
}

}  // namespace

Result<SplitOutcome> insert_isolating_bad_rows(RowInserter& inserter, const Batch& batch,
                                               std::span<const uint32_t> rows) {
  SplitOutcome out;
  SLUICE_RETURN_IF_ERROR(insert_range(inserter, batch, rows, out));
  return out;
}

}  // namespace sluice::sink
