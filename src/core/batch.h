#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "core/record_origin.h"
#include "core/reject_reason.h"
#include "core/text_arena.h"

namespace sluice {

// A record that will not reach ClickHouse, with everything needed to inspect or replay it.
struct RejectedRecord {
  RecordOrigin origin;
  std::string payload;  // the original message value, byte for byte
  std::string key;      // the Kafka message key (may be empty)
  RejectReason reason;
  std::string detail;  // human-readable: which field, which value, what was expected
};

// The next offset to commit for one partition once the batch is settled.
struct CommitPosition {
  uint32_t topic = 0;  // index into Batch::topics
  Partition partition;
  Offset next;  // last consumed offset + 1
};

// Keeps the message payloads (and keys) that a batch's rows refer to alive — e.g. the Kafka
// messages they came in — so the decoder need not copy them. Released when the batch is reset
// or destroyed, on whichever thread does that.
class PayloadKeeper {
 public:
  virtual ~PayloadKeeper() = default;
  virtual void release() = 0;
};

// A columnar batch of decoded records. Move-only: cells point into memory it owns or keeps.
//
// Layout: `columns[f].cells[r]` is field f of row r (fields in schema order). Text cells
// (strings, objects' JSON) point at their bytes: the decoder copies them into their column's
// `texts` (so encoders read a column sequentially), add_text() into `arena`. Each row's
// original payload and key (for dead letters) are either copied into `arena` or, when the
// producer guarantees it, retained as they are by `keeper` (the Kafka messages; see
// RecordDecoder::decode). Rows that failed to decode are not rows: they sit in `rejected`.
// `positions` covers every consumed message, rejected or not.
class Batch {
 public:
  explicit Batch(size_t num_fields = 0) : columns(num_fields) {}
  Batch(Batch&&) = default;
  Batch& operator=(Batch&&) = default;
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // Empties the batch for reuse, keeping every buffer's capacity (no new page faults for
  // the next batch of a similar size), and releases the retained payloads.
  void reset();

  // Makes room for `rows` rows in every per-row vector (not in element columns), so that a
  // fresh batch's vectors do not grow by doubling: each doubling copies and faults in a new
  // buffer. A recycled batch usually has the room already.
  void reserve_rows(size_t rows);

  size_t rows() const { return origins.size(); }
  bool empty() const { return origins.empty() && rejected.empty() && (!side || side->empty()); }

  std::string_view text(const Cell& cell) const { return cell.text(); }
  std::string_view payload(size_t row) const { return payloads[row].view(); }
  std::string_view key(size_t row) const { return keys[row].view(); }
  const std::string& topic_name(const RecordOrigin& origin) const { return topics[origin.topic]; }

  // Copies bytes into the arena and returns a cell of `kind` referring to them.
  Cell add_text(ValueKind kind, std::string_view bytes) {
    return Cell::text(kind, arena.append(bytes), static_cast<uint32_t>(bytes.size()));
  }

  // Records that every message of (topic, partition) below `next` has been consumed.
  void advance(uint32_t topic, Partition partition, Offset next);

  // Moves row `row` into `rejected` bookkeeping form (copies its payload) without removing it
  // from the columns; the caller removes it through a selection.
  RejectedRecord make_rejected(size_t row, RejectReason reason, std::string detail) const;

  // Bytes held by the batch (arena, retained payloads and the texts copied into its columns),
  // for size-based flushing: most of the memory a batch keeps alive until it is settled.
  size_t byte_size() const {
    size_t n = arena.size() + retained_bytes + (side ? side->byte_size() : 0);
    for (const Column& c : columns) n += c.text_bytes();
    return n;
  }

  // Bytes of a payload or key, in the arena or retained.
  struct BytesRef {
    const char* data = nullptr;
    size_t size = 0;
    std::string_view view() const { return {data, size}; }
  };

  std::vector<std::string> topics;
  std::vector<Column> columns;
  std::vector<RecordOrigin> origins;
  std::vector<BytesRef> payloads;  // per row: the original message value
  std::vector<BytesRef> keys;      // per row; empty when the message had no key
  TextArena arena;
  std::unique_ptr<PayloadKeeper> keeper;  // may be null: then nothing is retained
  size_t retained_bytes = 0;              // payload bytes referred to but not in `arena`
  std::vector<RejectedRecord> rejected;
  // Records consumed but dropped by the decoder's RowFilter: not rows, settled as filtered.
  size_t dropped = 0;
  // What the decoder's RowFilter said of the rows it kept: None (no filter ran, or no rows),
  // AllKept (each was Keep: the filter step it stands for has nothing left to do), or
  // SomeUndecided (that step must run).
  enum class Prefilter : uint8_t { None, AllKept, SomeUndecided };
  Prefilter prefilter = Prefilter::None;
  std::vector<CommitPosition> positions;
  // Join pipelines only: the rows of the right source, decoded with its schema, consumed in the
  // same span as this batch's (left) rows. The join (transforms/temporal_join.h) turns both into
  // this batch's joined rows. Positions of both sides are kept here, in `positions`; records
  // refused while decoding or transforming the right side sit in side->rejected until then.
  std::unique_ptr<Batch> side;

 private:
  // position_slots_[topic][partition]: index into `positions` + 1 (0 = none yet), so that
  // advance() is O(1) with hundreds of partitions.
  std::vector<std::vector<uint32_t>> position_slots_;
};

}  // namespace sluice
