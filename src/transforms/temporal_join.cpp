#include "transforms/temporal_join.h"

#include <algorithm>

#include "transforms/cell_blob.h"
#include "transforms/column_fields.h"
#include "transforms/compact_rows.h"
#include "transforms/dedup_transform.h"

namespace sluice::transforms {
namespace {

Error not_an_output(const std::string& where, const std::string& name) {
  return Error(ErrorCode::ConfigInvalid,
               where + ": \"" + name +
                   "\" is not an output of that source's steps (a stateless step before the join "
                   "drops the fields it does not list); add it to the step's outputs");
}

}  // namespace

Result<std::unique_ptr<TemporalJoin>> TemporalJoin::create(
    const config::JoinConfig& join, const std::vector<config::SchemaField>& left_columns,
    const std::vector<config::SchemaField>& right_columns) {
  std::unique_ptr<TemporalJoin> j(new TemporalJoin(join.left.time_window, join.right.time_window));
  const int64_t left_key = field_named(left_columns, join.left.key);
  if (left_key < 0) return not_an_output("join.left_source.key", join.left.key);
  const int64_t right_key = field_named(right_columns, join.right.key);
  if (right_key < 0) return not_an_output("join.right_source.key", join.right.key);
  j->left_key_ = static_cast<size_t>(left_key);
  j->right_key_ = static_cast<size_t>(right_key);
  j->left_key_name_ = join.left.key;
  j->right_key_name_ = join.right.key;
  j->left_width_ = left_columns.size();

  for (const auto& field : left_columns) j->column_fields_.push_back(hidden_field(field));
  std::vector<bool> claimed(left_columns.size(), false);
  for (size_t i = 0; i < join.output_fields.size(); ++i) {
    const config::JoinOutputField& out = join.output_fields[i];
    const std::string where = "join.output_fields[" + std::to_string(i) + "]";
    const bool left = out.source_id == join.left.source_id;
    const auto& columns = left ? left_columns : right_columns;
    const int64_t c = field_named(columns, out.name);
    if (c < 0) return not_an_output(where + ".name", out.name);
    config::SchemaField field = columns[static_cast<size_t>(c)];
    field.name = out.output_name.empty() ? out.name : out.output_name;
    if (left && !claimed[static_cast<size_t>(c)]) {
      // The left row's own column, renamed: matched rows need no copy.
      claimed[static_cast<size_t>(c)] = true;
      j->left_sources_.push_back(static_cast<size_t>(c));
      j->left_targets_.push_back(static_cast<size_t>(c));
      j->column_fields_[static_cast<size_t>(c)] = std::move(field);
      continue;
    }
    if (left) j->left_copies_.emplace_back(static_cast<size_t>(c), j->column_fields_.size());
    (left ? j->left_sources_ : j->right_sources_).push_back(static_cast<size_t>(c));
    (left ? j->left_targets_ : j->right_targets_).push_back(j->column_fields_.size());
    j->column_fields_.push_back(std::move(field));
  }
  // The left columns that nothing reads once the rows are joined: neither output in place nor
  // copied into an output.
  for (size_t c = 0; c < left_columns.size(); ++c) {
    bool copied = false;
    for (const auto& copy : j->left_copies_) copied = copied || copy.first == c;
    if (!claimed[c] && !copied) j->dead_columns_.push_back(c);
  }
  return j;
}

void TemporalJoin::apply(Batch& batch, int64_t now_ms) {
  if (batch.columns.size() < column_fields_.size()) batch.columns.resize(column_fields_.size());
  for (size_t c = left_width_; c < column_fields_.size(); ++c) batch.columns[c].clear();
  expired_ += buffers_.expire(now_ms);
  released_.clear();
  if (batch.side) apply_right(batch, *batch.side, now_ms);
  apply_left(batch, now_ms);
  append_released(batch);
}

std::string TemporalJoin::missing_key_detail(const Cell& cell, const std::string& name,
                                             const char* side) {
  return "join key \"" + name + "\" (" + side + "_source.key) is " +
         (cell.kind == ValueKind::Null ? "null" : "missing");
}

void TemporalJoin::apply_right(Batch& batch, Batch& right, int64_t now_ms) {
  const Column& keys = right.columns[right_key_];
  for (size_t row = 0; row < right.rows(); ++row) {
    const Cell& cell = keys.cells[row];
    if (!dedup_key_text(keys, cell, key_)) {
      right.rejected.push_back(right.make_rejected(
          row, RejectReason::JoinKeyMissing, missing_key_detail(cell, right_key_name_, "right")));
      continue;
    }
    blob_.clear();
    encode_cells(right, row, right_sources_, blob_);
    const std::string_view latest = buffers_.set_latest(key_, blob_, now_ms);
    buffers_.release(key_, [&](WaitingLeft& left) {
      released_.push_back(Released{std::move(left), std::string(latest)});
    });
  }
  // Dead letters of both sides are written from the joined batch.
  for (auto& r : right.rejected) batch.rejected.push_back(std::move(r));
  right.rejected.clear();
}

void TemporalJoin::apply_left(Batch& batch, int64_t now_ms) {
  const size_t rows = batch.rows();
  const Column& keys = batch.columns[left_key_];
  keep_.assign(rows, 1);
  waiting_rows_.clear();
  // Fingerprints first, then the lookups, with the slot of a row a few places ahead prefetched:
  // each lookup is a cache miss in a table of hundreds of thousands of keys.
  fingerprints_.resize(rows);
  for (size_t row = 0; row < rows; ++row) {
    const Cell& cell = keys.cells[row];
    if (!key_fingerprint(keys, cell, key_, fingerprints_[row])) {
      keep_[row] = 0;
      batch.rejected.push_back(batch.make_rejected(
          row, RejectReason::JoinKeyMissing, missing_key_detail(cell, left_key_name_, "left")));
    }
  }
  // Two misses per lookup: the index slot (asked for 2 * kAhead rows ahead), then the record
  // it names (found and asked for kAhead rows ahead, once the slot is in cache).
  constexpr size_t kAhead = 8;
  records_.resize(rows);
  for (size_t row = 0; row < std::min(rows, 2 * kAhead); ++row)
    buffers_.prefetch(fingerprints_[row]);
  for (size_t row = 0; row < std::min(rows, kAhead); ++row)
    records_[row] = buffers_.find(fingerprints_[row]);
  for (size_t row = 0; row < rows; ++row) {
    if (row + 2 * kAhead < rows) buffers_.prefetch(fingerprints_[row + 2 * kAhead]);
    if (row + kAhead < rows) records_[row + kAhead] = buffers_.find(fingerprints_[row + kAhead]);
    if (!keep_[row]) continue;
    if (const InlineBytes* right = buffers_.latest_of(records_[row], now_ms)) {
      // Copied now, while the record's line is in cache. The right columns hold only matched
      // rows, so compact_rows below leaves them as they are (a column of another length).
      decode_cells(batch, right->view(), right_targets_);
      continue;
    }
    keep_[row] = 0;
    waiting_rows_.push_back(static_cast<uint32_t>(row));
  }
  start_waiting(batch, now_ms);
  // Dead columns are emptied rather than compacted (compact_rows skips a column of another
  // length); their texts stay, as output cells of an earlier step may point into them.
  for (size_t c : dead_columns_) batch.columns[c].cells.clear();
  compact_rows(batch, keep_);
  for (const auto& [source, target] : left_copies_) copy_column(batch, source, target);
  joined_ += batch.rows();
}

void TemporalJoin::start_waiting(const Batch& batch, int64_t now_ms) {
  // A waiting row's texts and payload were written by the decoding thread and have not been
  // read here: each is a cache miss. Its cells are asked for kAhead * 2 waiting rows ahead, and
  // the bytes they (and the payload) point to kAhead rows ahead.
  constexpr size_t kAhead = 4;
  const size_t n = waiting_rows_.size();
  const Column& keys = batch.columns[left_key_];
  for (size_t i = 0; i < n; ++i) {
    if (i + 2 * kAhead < n) prefetch_row(batch, waiting_rows_[i + 2 * kAhead], left_sources_);
    if (i + kAhead < n) prefetch_row_bytes(batch, waiting_rows_[i + kAhead], left_sources_);
    const size_t row = waiting_rows_[i];
    std::string_view key;
    key_text(keys, keys.cells[row], key_, key);  // not missing: its fingerprint was taken
    blob_.clear();
    encode_cells(batch, row, left_sources_, blob_);
    buffers_.wait(
        WaitingLeft(now_ms, batch.origins[row], key, batch.payload(row), batch.key(row), blob_),
        fingerprints_[row]);
  }
  waited_ += n;
}

void TemporalJoin::append_released(Batch& batch) {
  for (Released& r : released_) {
    decode_cells(batch, r.left.cells(), left_targets_);
    decode_cells(batch, r.right, right_targets_);
    batch.origins.push_back(r.left.origin());
    const std::string_view payload = r.left.payload(), kafka_key = r.left.kafka_key();
    batch.payloads.push_back({batch.arena.append(payload), payload.size()});
    batch.keys.push_back({batch.arena.append(kafka_key), kafka_key.size()});
  }
  joined_ += released_.size();
  released_.clear();
}

}  // namespace sluice::transforms
