#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/pipeline.h"
#include "core/batch.h"
#include "json/field_lookup.h"

namespace sluice::json {

// Decodes Kafka message values (JSON objects) into a Batch, one column per schema field.
//
// Each value is parsed once, in one pass over its keys (simdjson On-Demand). A value that
// is not a JSON object, or whose field holds a JSON kind its declared type does not accept,
// becomes a RejectedRecord in the batch instead of a row. Missing fields and JSON null are
// kept as Missing/Null cells: whether that is acceptable is decided by the sink's column.
// Undeclared keys are skipped. Not thread-safe: one decoder per thread.
class RecordDecoder {
 public:
  explicit RecordDecoder(std::vector<config::SchemaField> fields);

  // Appends the record to `batch` (as a row or as a rejected record). Returns true for a row.
  bool decode(Batch& batch, std::string_view payload, std::string_view key,
              const RecordOrigin& origin);

  size_t num_fields() const { return fields_.size(); }
  // The simdjson kernel the decoder was compiled for ("westmere", "haswell", "fallback"...).
  static std::string simd_kernel();

 private:
  struct Failure {
    RejectReason reason;
    std::string detail;
  };

  // Both return the simdjson error that ended decoding; `failure` is filled when the cause
  // is a schema rule rather than malformed JSON.
  simdjson::error_code decode_object(Batch& batch, simdjson::ondemand::object object,
                                     const FieldLookup::Node& node, Failure& failure);
  simdjson::error_code decode_field(Batch& batch, int field, int priority,
                                    simdjson::ondemand::value value, Failure& failure);
  // Stores any JSON value into `column` (arrays recurse into element columns).
  simdjson::error_code append_any(Batch& batch, Column& column, simdjson::ondemand::value value);
  simdjson::error_code read_any(Batch& batch, Column& column, simdjson::ondemand::value value,
                                Cell& cell);
  void reject(Batch& batch, size_t payload_start, std::string_view payload, std::string_view key,
              const RecordOrigin& origin, Failure failure);

  std::vector<config::SchemaField> fields_;
  FieldLookup lookup_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::parser nested_parser_;  // for a map field that also has nested schema names
  std::vector<Cell> row_;                     // this record's cells, indexed by field
  std::vector<int> row_priority_;  // who set each cell (FieldLookup priority, 0 = nobody)
};

}  // namespace sluice::json
