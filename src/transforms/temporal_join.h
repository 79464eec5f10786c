#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "core/batch.h"
#include "state/state_store.h"
#include "transforms/join_buffers.h"

namespace sluice::transforms {

// The temporal join of a pipeline's two sources (decisions.md): the right side keeps the latest
// record per key for right_source.time_window; a left record is emitted joined with the latest
// right record of its key as soon as both are there, and otherwise waits up to
// left_source.time_window for one (then it expires unmatched: an inner join). One right record
// can enrich many left records; a left record is emitted at most once. Keys are compared by their
// text ("1" = 1), as dedup keys; a missing or null key dead-letters the record
// (join_key_missing).
//
// It works on a batch whose rows are the left source's (after that source's steps) and whose
// `side` holds the right source's rows of the same span: the right rows are applied first, then
// the left rows, so a left and a right record that arrive in one batch always meet. The batch
// then holds the joined rows: the left rows that matched (their cells stay where they are) and
// the earlier left records that this batch's right records released, each with the output fields
// (column_fields()). State: JoinBuffers, checkpointed with the batch's offsets by the settling
// thread. CPU only; processing time is passed in. Not thread-safe.
class TemporalJoin {
 public:
  // `left_columns`/`right_columns`: each source's batch columns after its steps
  // (TransformChain::column_fields(): hidden names for columns that are not the steps' output).
  static Result<std::unique_ptr<TemporalJoin>> create(
      const config::JoinConfig& join, const std::vector<config::SchemaField>& left_columns,
      const std::vector<config::SchemaField>& right_columns);

  // One entry per column of a joined batch: the output fields under their output names; every
  // other column's name is hidden (and a left column that no output reads holds no cells).
  const std::vector<config::SchemaField>& column_fields() const { return column_fields_; }

  void apply(Batch& batch, int64_t now_ms);
  void checkpoint(state::Checkpoint& checkpoint) { buffers_.checkpoint(checkpoint); }
  Status restore(const state::StateStore& store, int64_t now_ms) {
    return buffers_.restore(store, now_ms);
  }

  uint64_t joined() const { return joined_; }            // rows emitted
  uint64_t expired() const { return expired_; }          // left records that expired unmatched
  uint64_t waited() const { return waited_; }            // left records that had to wait
  size_t waiting() const { return buffers_.waiting(); }  // left records waiting now
  size_t right_keys() const { return buffers_.right_keys(); }

 private:
  TemporalJoin(std::chrono::milliseconds left_window, std::chrono::milliseconds right_window)
      : buffers_(left_window, right_window) {}

  void apply_right(Batch& batch, Batch& right, int64_t now_ms);
  void apply_left(Batch& batch, int64_t now_ms);
  // Adds the rows of waiting_rows_ to the buffers, to wait for their right record.
  void start_waiting(const Batch& batch, int64_t now_ms);
  void append_released(Batch& batch);
  // The dead letter's detail for a missing or null key `name` of `side` ("left"/"right").
  static std::string missing_key_detail(const Cell& cell, const std::string& name,
                                        const char* side);

  JoinBuffers buffers_;
  std::string left_key_name_, right_key_name_;
  size_t left_key_ = 0, right_key_ = 0;  // key columns
  size_t left_width_ = 0;                // columns of the left batch before the join's
  // Left output fields: read from left_sources_[i], written to left_targets_[i] (the same column,
  // renamed, or an added one when a column is output twice).
  std::vector<size_t> left_sources_, left_targets_;
  // The pairs of those where a matched row's cell is copied (an added column).
  std::vector<std::pair<size_t, size_t>> left_copies_;
  // Left columns that no output reads (the key, a step's inputs, fields not output): no cells
  // in a joined batch.
  std::vector<size_t> dead_columns_;
  std::vector<size_t> right_sources_;  // right output fields in the right batch
  std::vector<size_t> right_targets_;  // where they go in the joined batch (added columns)
  std::vector<config::SchemaField> column_fields_;

  // A left record released by a right one, with a copy of that right record's fields (a later
  // right record of the key in the same batch overwrites them in JoinBuffers).
  struct Released {
    WaitingLeft left;
    std::string right;
  };
  std::vector<Released> released_;
  std::vector<uint8_t> keep_;
  std::vector<KeyFingerprint> fingerprints_;  // per left row of the batch being joined
  std::vector<uint32_t> records_;             // per left row: its right record (JoinBuffers::find)
  std::vector<uint32_t> waiting_rows_;        // the left rows without a right record, in order
  std::string key_, blob_;
  uint64_t joined_ = 0;
  uint64_t expired_ = 0;
  uint64_t waited_ = 0;
};

}  // namespace sluice::transforms
