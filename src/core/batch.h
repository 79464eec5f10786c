#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/column.h"
#include "core/record_origin.h"
#include "core/reject_reason.h"

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

// A columnar batch of decoded records. Move-only: it owns arenas that cells point into.
//
// Layout: `columns[f].cells[r]` is field f of row r (fields in schema order). One arena,
// `strings`, holds every row's original payload (followed by kPayloadPadding bytes, as
// simdjson requires) and the texts that cells refer to: a string without escapes and an
// object's JSON text point into the payload itself; unescaped strings are appended. Rows that
// failed to decode are not rows: they sit in `rejected`. `positions` covers every consumed
// message, rejected or not.
class Batch {
 public:
  static constexpr size_t kPayloadPadding = 64;

  explicit Batch(size_t num_fields = 0) : columns(num_fields) {}
  Batch(Batch&&) = default;
  Batch& operator=(Batch&&) = default;
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // Empties the batch for reuse, keeping every buffer's capacity (no new page faults for
  // the next batch of a similar size).
  void reset();

  size_t rows() const { return origins.size(); }
  bool empty() const { return origins.empty() && rejected.empty(); }

  std::string_view text(const Cell& cell) const {
    return std::string_view(strings).substr(cell.ref, cell.len);
  }
  std::string_view payload(size_t row) const {
    const PayloadRef& p = payload_refs[row];
    return std::string_view(strings).substr(p.offset, p.length);
  }
  const std::string& topic_name(const RecordOrigin& origin) const { return topics[origin.topic]; }

  // Appends bytes to the string arena and returns a cell of `kind` referring to them.
  Cell add_text(ValueKind kind, std::string_view bytes) {
    Cell c = Cell::text(kind, strings.size(), static_cast<uint32_t>(bytes.size()));
    strings.append(bytes);
    return c;
  }

  // Records that every message of (topic, partition) below `next` has been consumed.
  void advance(uint32_t topic, Partition partition, Offset next);

  // Moves row `row` into `rejected` bookkeeping form (copies its payload) without removing it
  // from the columns; the caller removes it through a selection.
  RejectedRecord make_rejected(size_t row, RejectReason reason, std::string detail) const;

  // Bytes held by the batch, for size-based flushing.
  size_t byte_size() const { return strings.size(); }

  struct PayloadRef {
    uint64_t offset;
    uint32_t length;
  };

  std::vector<std::string> topics;
  std::vector<Column> columns;
  std::vector<RecordOrigin> origins;
  std::vector<PayloadRef> payload_refs;
  std::vector<std::string> keys;  // per row; empty when the message had no key
  std::string strings;
  std::vector<RejectedRecord> rejected;
  std::vector<CommitPosition> positions;

 private:
  // position_slots_[topic][partition]: index into `positions` + 1 (0 = none yet), so that
  // advance() is O(1) with hundreds of partitions.
  std::vector<std::vector<uint32_t>> position_slots_;
};

}  // namespace sluice
