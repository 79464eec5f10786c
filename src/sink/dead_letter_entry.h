#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/batch.h"

namespace sluice::sink {

// One dead-letter entry as stored: a line of JSON in the dead-letter log (docs/dead-letters.md).
//   {"seq":7,"time":"2026-11-25T10:00:00Z","pipeline_id":"...","component":"sink",
//    "reason":"server_rejected","detail":"...","topic":"events","partition":3,"offset":42,
//    "timestamp_ms":1700000000000,"key_base64":"","payload_base64":"..."}
// `seq` addresses the entry: it grows by one per entry and is never reused, even after purge.
struct DeadLetterEntry {
  uint64_t seq = 0;
  std::string time;  // UTC, ISO 8601, when it was dead-lettered
  std::string pipeline_id;
  std::string component;  // "decoder" or "sink"
  std::string reason;     // machine-readable: invalid_json, conversion_failed, server_rejected...
  std::string detail;     // human-readable, with ClickHouse's text for server_rejected
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = 0;
  std::string key;      // raw bytes
  std::string payload;  // raw bytes: the original message value
};

// "2026-11-25T10:00:00Z" for a Unix time, and for now.
std::string utc_iso8601(int64_t unix_seconds);
std::string utc_now_iso8601();

// Entries for rejected records (seq and time are left for the store to fill in).
std::vector<DeadLetterEntry> entries_from(const std::vector<RejectedRecord>& records,
                                          const std::vector<std::string>& topics,
                                          const std::string& pipeline_id);

// The component that rejected a record with this reason ("decoder" or "sink").
std::string_view reject_component(RejectReason reason);

// Appends the entry's JSON line, newline included.
void append_entry_line(std::string& out, const DeadLetterEntry& entry);

// Parses a line written by append_entry_line (entries without "seq", from before sequence
// numbers, get seq 0: the caller numbers them). Unknown keys are ignored.
Result<DeadLetterEntry> parse_entry_line(std::string_view line);

}  // namespace sluice::sink
