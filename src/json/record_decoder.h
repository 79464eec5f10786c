#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/pipeline.h"
#include "core/batch.h"
#include "core/row_filter.h"
#include "json/field_lookup.h"

namespace sluice::json {

// Decodes Kafka message values (JSON objects) into a Batch, one column per schema field.
//
// Each value is parsed once, in one pass over its keys (simdjson On-Demand). A value that
// is not a JSON object, or whose field holds a JSON kind its declared type does not accept,
// becomes a RejectedRecord in the batch instead of a row. Missing fields and JSON null are
// kept as Missing/Null cells: whether that is acceptable is decided by the sink's column.
// Undeclared keys are skipped. Not thread-safe: one decoder per thread.
// How long a payload handed to RecordDecoder::decode stays valid.
enum class PayloadLifetime {
  // Only during the call: the payload and key are copied into the batch's arena.
  Copy,
  // Until the batch is reset or destroyed (the caller hands the owning message to
  // batch.keeper): Batch::payload() and Batch::key() point into it instead of a copy.
  Retained,
};

class RecordDecoder {
 public:
  explicit RecordDecoder(std::vector<config::SchemaField> fields);

  // Appends the record to `batch` (as a row or as a rejected record, which always owns a copy
  // of its payload), or drops it (row filter). Returns true when the caller must keep a
  // Retained payload alive with the batch: for a row, and for a dropped record (see decode).
  bool decode(Batch& batch, std::string_view payload, std::string_view key,
              const RecordOrigin& origin, PayloadLifetime lifetime = PayloadLifetime::Copy);

  // Applies `filter` (may be null: none) to every record that parses, before its texts are
  // copied: a record it drops is counted in Batch::dropped and decode() returns false. Not
  // taken (returns false) when a field is both a map and the parent of dotted fields, whose
  // nested texts are parsed from a temporary copy. `filter` must outlive the decoder's use.
  bool set_row_filter(RowFilter* filter);

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
  simdjson::error_code decode_object(Batch& batch, simdjson::ondemand::object& object,
                                     const FieldLookup::Node& node, Failure& failure);
  // `type`: value.type(), already read by the caller (likewise for read_any).
  simdjson::error_code decode_field(Batch& batch, int field, int priority,
                                    simdjson::ondemand::value& value,
                                    simdjson::ondemand::json_type type, Failure& failure);
  simdjson::error_code read_string(Column& column, simdjson::ondemand::value& value, Cell& cell);
  // Stores any JSON value into `column` (arrays recurse into element columns).
  simdjson::error_code append_any(Batch& batch, Column& column, simdjson::ondemand::value& value);
  simdjson::error_code read_any(Batch& batch, Column& column, simdjson::ondemand::value& value,
                                simdjson::ondemand::json_type type, Cell& cell);
  // Copies the texts of a kept record's deferred cells (`parsed`: the parse buffer) into
  // their columns and points the cells there.
  void keep_deferred_texts(Batch& batch, const char* parsed);
  // Whether the `n` bytes at `text` (inside the document being parsed) hold a backslash.
  bool has_backslash(const char* text, size_t n);
  // Back to no field set (the state decode() starts from), on the ways out that keep no row.
  void clear_row();
  void reject(Batch& batch, std::string_view payload, std::string_view key,
              const RecordOrigin& origin, Failure failure);

  std::vector<config::SchemaField> fields_;
  FieldLookup lookup_;
  simdjson::ondemand::parser parser_;
  simdjson::ondemand::parser nested_parser_;  // for a map field that also has nested schema names
  std::vector<Cell> row_;                     // this record's cells, indexed by field
  std::vector<int> row_priority_;  // who set each cell (FieldLookup priority, 0 = nobody)
  const char* end_ = nullptr;      // end of the readable bytes (padding included) being parsed
  // The first backslash at or after the last string checked, or end_ if there is none: one
  // scan of the document serves all its strings (nullptr: not scanned yet).
  const char* next_backslash_ = nullptr;
  const char* scanned_from_ = nullptr;  // where the scan that found next_backslash_ began
  std::unique_ptr<char[]> scratch_;     // padded copy of a retained payload
  size_t scratch_size_ = 0;
  RowFilter* row_filter_ = nullptr;
  // With a row filter: top-level text cells point at the parsed bytes until the record is
  // kept, then their texts are copied into their columns (array elements are copied at once).
  bool defer_texts_ = false;
};

}  // namespace sluice::json
