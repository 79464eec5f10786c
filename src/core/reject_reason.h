#pragma once

#include <string_view>

namespace sluice {

// Why a record went to the dead-letter store. Names are stable: they appear in dead-letter
// entries and metric labels.
enum class RejectReason {
  InvalidJson,        // the value is not valid JSON
  NotAnObject,        // valid JSON, but not an object
  FieldTypeMismatch,  // a schema field holds a JSON kind its declared type does not accept
  ConversionFailed,   // a value cannot be converted to its ClickHouse column type
  ServerRejected,     // ClickHouse refused the row
  FilterFailed,       // a filter expression failed on the record or did not give a bool
  TransformFailed,    // a stateless expression failed, or its output_type cast did
  DedupKeyMissing,    // the dedup key field is missing or null
  JoinKeyMissing,     // the join key field is missing or null
};

std::string_view reject_reason_name(RejectReason reason);

}  // namespace sluice
