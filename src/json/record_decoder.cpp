#include "json/record_decoder.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "base/prefetch.h"

namespace sluice::json {

namespace {

using simdjson::error_code;
using simdjson::ondemand::json_type;

std::vector<std::string> names_of(const std::vector<config::SchemaField>& fields) {
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (const auto& f : fields) names.push_back(f.name);
  return names;
}

std::string_view json_type_name(json_type type) {
  switch (type) {
    case json_type::array:
      return "array";
    case json_type::object:
      return "object";
    case json_type::number:
      return "number";
    case json_type::string:
      return "string";
    case json_type::boolean:
      return "boolean";
    case json_type::null:
      return "null";
  }
  return "unknown";
}

// Which JSON kinds a declared field type accepts (null is always accepted here).
bool accepts(config::FieldType type, json_type json) {
  switch (type) {
    case config::FieldType::String:
      return json == json_type::string;
    case config::FieldType::Int:
    case config::FieldType::UInt:
    case config::FieldType::Float:
      return json == json_type::number;
    case config::FieldType::Bool:
      return json == json_type::boolean;
    case config::FieldType::Array:
      return json == json_type::array;
    case config::FieldType::Map:
      return json == json_type::object;
    case config::FieldType::DateTime:
      return json == json_type::string || json == json_type::number;
  }
  return false;
}

std::string_view expected_kinds(config::FieldType type) {
  switch (type) {
    case config::FieldType::String:
      return "a string";
    case config::FieldType::Int:
    case config::FieldType::UInt:
    case config::FieldType::Float:
      return "a number";
    case config::FieldType::Bool:
      return "true or false";
    case config::FieldType::Array:
      return "an array";
    case config::FieldType::Map:
      return "an object";
    case config::FieldType::DateTime:
      return "a date-time string or an epoch number";
  }
  return "a value";
}

// A document whose first byte says null/true/number/string may still be garbage
// ("not json" starts like null): read the scalar to tell invalid JSON from a non-object.
bool scalar_is_valid(simdjson::ondemand::document& doc, json_type type) {
  switch (type) {
    case json_type::null: {
      bool is_null = false;
      return !doc.is_null().get(is_null) && is_null;
    }
    case json_type::boolean: {
      bool b;
      return !doc.get_bool().get(b);
    }
    case json_type::number: {
      double d;
      return !doc.get_double().get(d);
    }
    case json_type::string: {
      std::string_view sv;
      return !doc.get_string().get(sv);
    }
    default:
      return true;
  }
}

std::string_view trim_trailing_space(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

#define SLUICE_STRINGIFY_INNER(x) #x
#define SLUICE_STRINGIFY(x) SLUICE_STRINGIFY_INNER(x)

// The On-Demand code is inlined into this file, so the kernel is what this file was compiled
// for (simdjson::builtin_implementation() would name the shared library's build instead).
std::string RecordDecoder::simd_kernel() {
  return SLUICE_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION);
}

RecordDecoder::RecordDecoder(std::vector<config::SchemaField> fields)
    : fields_(std::move(fields)),
      lookup_(names_of(fields_)),
      row_(fields_.size()),
      row_priority_(fields_.size(), 0) {}

bool RecordDecoder::set_row_filter(RowFilter* filter) {
  for (const auto& parent : fields_) {
    for (const auto& child : fields_) {
      if (child.name.size() > parent.name.size() && child.name[parent.name.size()] == '.' &&
          child.name.compare(0, parent.name.size(), parent.name) == 0)
        return false;
    }
  }
  row_filter_ = filter;
  return true;
}

bool RecordDecoder::decode(Batch& batch, std::string_view payload, std::string_view key,
                           const RecordOrigin& origin, PayloadLifetime lifetime) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end of the document, which a payload
  // (say, inside a Kafka message) does not have: it is parsed from a copy in scratch_ (small,
  // reused, in cache). A kept row's payload is then copied into the arena (Copy) or referred to
  // where it is (Retained). Cells never point into the payload: their texts are copied into
  // their columns (core/column.h).
  constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;
  const bool retained = lifetime == PayloadLifetime::Retained;
  if (scratch_size_ < payload.size() + kPadding) {
    scratch_size_ = std::max(payload.size() + kPadding, 2 * scratch_size_);
    scratch_ = std::unique_ptr<char[]>(new char[scratch_size_]);
  }
  char* data = scratch_.get();
  if (!payload.empty()) std::memcpy(data, payload.data(), payload.size());
  std::memset(data + payload.size(), 0, kPadding);
  end_ = data + payload.size() + kPadding;
  next_backslash_ = nullptr;

  // row_ and row_priority_ are clear here: every way out of decode() clears them.
  defer_texts_ = row_filter_ != nullptr;
  Failure failure{RejectReason::InvalidJson, {}};
  simdjson::ondemand::document doc;
  error_code err =
      parser_.iterate(data, payload.size(), payload.size() + simdjson::SIMDJSON_PADDING).get(doc);
  bool ok = !err;
  if (ok) {
    json_type type;
    err = doc.type().get(type);
    if (err) {
      ok = false;
    } else if (type != json_type::object && !scalar_is_valid(doc, type)) {
      failure = {RejectReason::InvalidJson, "invalid JSON: not a JSON value"};
      ok = false;
    } else if (type != json_type::object) {
      failure = {RejectReason::NotAnObject, "the message is a JSON " +
                                                std::string(json_type_name(type)) +
                                                ", expected a JSON object"};
      ok = false;
    } else {
      // Used in place, as decode_object's fields are: copying the object out of its result
      // stalled the load that read it back (store forwarding), once per record.
      auto object = doc.get_object();
      err = object.error();
      if (!err) err = decode_object(batch, object.value_unsafe(), lookup_.root(), failure);
      ok = !err;
      // current_location() fails with OUT_OF_BOUNDS exactly when nothing follows the object.
      if (ok && !doc.current_location().error()) {
        failure = {RejectReason::InvalidJson, "unexpected content after the JSON object"};
        ok = false;
      }
    }
  }
  if (!ok && failure.detail.empty()) {
    failure.detail = payload.empty() ? "the message is empty"
                                     : "invalid JSON: " + std::string(simdjson::error_message(err));
  }
  if (!ok) {
    reject(batch, payload, key, origin, std::move(failure));
    clear_row();
    return false;
  }

  if (row_filter_ != nullptr) {
    const RowFilter::Verdict verdict = row_filter_->decide(row_);
    if (verdict == RowFilter::Verdict::Drop) {
      ++batch.dropped;
      // A retained message is kept all the same: freeing each one here, inside decode(),
      // contended with librdkafka's receive thread for its malloc arena (measured: +0.3 CPU-s
      // per 1M W4 events); the settling thread releases them with the batch's others, in one
      // go, and their bytes count toward the batch's size until then. (A copied one is freed by
      // the caller with the rest of its poll, in bulk: PipelineRunner::consume_loop.)
      if (retained) batch.retained_bytes += payload.size();
      clear_row();
      return retained;
    }
    keep_deferred_texts(batch, data);
    if (verdict == RowFilter::Verdict::Undecided)
      batch.prefilter = Batch::Prefilter::SomeUndecided;
    else if (batch.prefilter == Batch::Prefilter::None)
      batch.prefilter = Batch::Prefilter::AllKept;
  }
  // Cleared as they are copied out: one pass instead of a fill before the next record.
  for (size_t f = 0; f < row_.size(); ++f) {
    // Each column's cells (and texts, read_string) are a write stream of their own; W1 has 76,
    // more than the hardware prefetcher follows: asking for the lines ahead cut BM_DecodeW1
    // from 41-43 to 34-36 ms.
    std::vector<Cell>& cells = batch.columns[f].cells;
    prefetch_write_ahead(cells.data() + cells.size(), 8 * sizeof(Cell));
    cells.push_back(row_[f]);
    row_[f] = Cell::missing();
    row_priority_[f] = 0;
  }
  batch.origins.push_back(origin);
  if (retained) {
    batch.retained_bytes += payload.size();
    batch.payloads.push_back({payload.data(), payload.size()});
    batch.keys.push_back({key.data(), key.size()});
  } else {
    batch.payloads.push_back({batch.arena.append(payload), payload.size()});
    batch.keys.push_back({key.empty() ? nullptr : batch.arena.append(key), key.size()});
  }
  return true;
}

void RecordDecoder::clear_row() {
  // One loop for both, without a memset call for a few ints (most records a filter drops).
  for (size_t f = 0; f < row_.size(); ++f) {
    row_[f] = Cell::missing();
    row_priority_[f] = 0;
  }
}

simdjson::error_code RecordDecoder::decode_object(Batch& batch, simdjson::ondemand::object& object,
                                                  const FieldLookup::Node& node, Failure& failure) {
  size_t position = 0;
  for (auto field_result : object) {
    if (auto err = field_result.error()) return err;
    // In place: a copy of the field (a key and a value iterator) cost a store-forwarding
    // stall per key.
    simdjson::ondemand::field& field = field_result.value_unsafe();
    // Producers repeat their key order: most keys are the predicted one, checked on the key's
    // JSON text without unescaping it.
    const FieldLookup::Target* target = nullptr;
    if (!FieldLookup::find_raw(node, position, field.key().raw(), end_, target)) {
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) return err;
      target = FieldLookup::find(node, position, key);
    }
    ++position;
    if (target == nullptr) continue;  // undeclared key: On-Demand skips its value
    simdjson::ondemand::value& value = field.value();
    if (target->field >= 0 && target->children != nullptr) {
      // A declared map field that also has declared nested fields below it: keep the
      // object's text for the map, then walk the same text for the nested fields.
      json_type type;
      if (auto err = value.type().get(type)) return err;
      if (auto err = decode_field(batch, target->field, target->priority, value, type, failure))
        return err;
      const Cell& cell = row_[target->field];
      if (cell.kind == ValueKind::Object) {
        simdjson::padded_string padded(batch.text(cell));
        const char* outer_end =
            std::exchange(end_, padded.data() + padded.size() + simdjson::SIMDJSON_PADDING);
        next_backslash_ = nullptr;  // scans of another buffer
        simdjson::ondemand::document nested;
        simdjson::ondemand::object nested_object;
        error_code err = nested_parser_.iterate(padded).get(nested);
        if (!err) err = nested.get_object().get(nested_object);
        if (!err) err = decode_object(batch, nested_object, *target->children, failure);
        end_ = outer_end;
        next_backslash_ = nullptr;
        if (err) return err;
      }
    } else if (target->field >= 0) {
      // The common case, kept inline: a string (most W1 fields) or a number.
      const int f = target->field;
      if (row_priority_[f] > target->priority) continue;  // a literal dotted key won
      json_type type;
      if (auto err = value.type().get(type)) return err;
      if (type == json_type::string && accepts(fields_[f].type, type)) {
        if (auto err = read_string(batch.columns[f], value, row_[f])) return err;
        row_priority_[f] = target->priority;
      } else if (auto err = decode_field(batch, f, target->priority, value, type, failure)) {
        return err;
      }
    } else {
      json_type type;
      if (auto err = value.type().get(type)) return err;
      if (type != json_type::object) continue;  // a nested schema path through a non-object
      simdjson::ondemand::object child;
      if (auto err = value.get_object().get(child)) return err;
      if (auto err = decode_object(batch, child, *target->children, failure)) return err;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code RecordDecoder::decode_field(Batch& batch, int field, int priority,
                                                 simdjson::ondemand::value& value, json_type type,
                                                 Failure& failure) {
  if (row_priority_[field] > priority) return simdjson::SUCCESS;  // a literal dotted key won
  const config::SchemaField& schema = fields_[field];
  if (type != json_type::null && !accepts(schema.type, type)) {
    failure = {RejectReason::FieldTypeMismatch, "field \"" + schema.name + "\" (" +
                                                    schema.declared_type + ") expected " +
                                                    std::string(expected_kinds(schema.type)) +
                                                    ", got " + std::string(json_type_name(type))};
    return simdjson::INCORRECT_TYPE;
  }
  if (auto err = read_any(batch, batch.columns[field], value, type, row_[field])) return err;
  row_priority_[field] = priority;
  return simdjson::SUCCESS;
}

void RecordDecoder::keep_deferred_texts(Batch& batch, const char* parsed) {
  for (size_t f = 0; f < row_.size(); ++f) {
    Cell& cell = row_[f];
    if (cell.kind != ValueKind::String && cell.kind != ValueKind::Object) continue;
    const char* src = reinterpret_cast<const char*>(cell.ref);
    TextArena& texts = batch.columns[f].texts;
    // Bytes in the padded parse buffer may be copied as one block (see read_string).
    const bool padded =
        src >= parsed && end_ - src > static_cast<std::ptrdiff_t>(TextArena::kBlock);
    const char* text =
        padded ? texts.append_from_padded(src, cell.len) : texts.append({src, cell.len});
    cell = Cell::text(cell.kind, text, cell.len);
  }
}

bool RecordDecoder::has_backslash(const char* text, size_t n) {
  // Strings come in document order, so the scan moves forward: most documents have no
  // backslash at all and are scanned once instead of once per string.
  if (next_backslash_ == nullptr || next_backslash_ < text || text < scanned_from_) {
    scanned_from_ = text;
    const void* found = std::memchr(text, '\\', static_cast<size_t>(end_ - text));
    next_backslash_ = found != nullptr ? static_cast<const char*>(found) : end_;
  }
  return next_backslash_ < text + n;
}

simdjson::error_code RecordDecoder::read_string(Column& column, simdjson::ondemand::value& value,
                                                Cell& cell) {
  // A string without escapes is its own bytes in the payload: copy them as they are. The
  // token lies in the padded parse buffer, so a short one is copied as a fixed-size block.
  std::string_view token = trim_trailing_space(value.raw_json_token());
  if (token.size() >= 2 && token.back() == '"' && !has_backslash(token.data(), token.size())) {
    const size_t n = token.size() - 2;
    if (defer_texts_) {
      cell = Cell::text(ValueKind::String, token.data() + 1, static_cast<uint32_t>(n));
      return value.get_raw_json_string().error();
    }
    column.texts.prefetch_ahead(256);
    const char* text = end_ - token.data() > static_cast<std::ptrdiff_t>(TextArena::kBlock + 1)
                           ? column.texts.append_from_padded(token.data() + 1, n)
                           : column.texts.append({token.data() + 1, n});
    cell = Cell::text(ValueKind::String, text, static_cast<uint32_t>(n));
    return value.get_raw_json_string().error();  // consumes the value
  }
  std::string_view s;
  if (auto err = value.get_string().get(s)) return err;
  // Unescaped into the parser's string buffer, which lasts until the next record.
  cell = Cell::text(ValueKind::String, defer_texts_ ? s.data() : column.texts.append(s),
                    static_cast<uint32_t>(s.size()));
  return simdjson::SUCCESS;
}

simdjson::error_code RecordDecoder::read_any(Batch& batch, Column& column,
                                             simdjson::ondemand::value& value, json_type type,
                                             Cell& cell) {
  switch (type) {
    case json_type::null:
      cell = Cell::null();
      return value.is_null() ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
    case json_type::boolean: {
      bool b;
      if (auto err = value.get_bool().get(b)) return err;
      cell = Cell::boolean(b);
      return simdjson::SUCCESS;
    }
    case json_type::number: {
      simdjson::ondemand::number number;
      if (value.get_number().get(number)) {
        double d;  // e.g. an integer beyond 64 bits: keep it as a double if it parses as one
        if (auto err = value.get_double().get(d)) return err;
        cell = Cell::float64(d);
        return simdjson::SUCCESS;
      }
      switch (number.get_number_type()) {
        case simdjson::ondemand::number_type::signed_integer:
          cell = Cell::int64(number.get_int64());
          break;
        case simdjson::ondemand::number_type::unsigned_integer:
          cell = Cell::uint64(number.get_uint64());
          break;
        default:
          cell = Cell::float64(number.get_double());
          break;
      }
      return simdjson::SUCCESS;
    }
    case json_type::string:
      return read_string(column, value, cell);
    case json_type::object: {
      simdjson::ondemand::object object;
      if (auto err = value.get_object().get(object)) return err;
      std::string_view raw;
      if (auto err = object.raw_json().get(raw)) return err;
      raw = trim_trailing_space(raw);  // the object's text, in place in the payload
      cell = Cell::text(ValueKind::Object, defer_texts_ ? raw.data() : column.texts.append(raw),
                        static_cast<uint32_t>(raw.size()));
      return simdjson::SUCCESS;
    }
    case json_type::array: {
      simdjson::ondemand::array array;
      if (auto err = value.get_array().get(array)) return err;
      Column& elements = column.element_column();
      const uint64_t first = elements.cells.size();
      uint32_t count = 0;
      for (auto element_result : array) {
        if (auto err = element_result.error()) return err;
        simdjson::ondemand::value& element = element_result.value_unsafe();  // in place
        if (auto err = append_any(batch, elements, element)) return err;
        ++count;
      }
      cell = Cell::array(first, count);
      return simdjson::SUCCESS;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

simdjson::error_code RecordDecoder::append_any(Batch& batch, Column& column,
                                               simdjson::ondemand::value& value) {
  // Reserve this element's slot first: nested arrays append to a deeper column, so the
  // elements of one array stay contiguous at this level.
  const size_t slot = column.cells.size();
  column.cells.emplace_back();
  json_type type;
  if (auto err = value.type().get(type)) return err;
  Cell cell;
  // Elements are not the record's cells: their texts go to the element column now.
  const bool defer = std::exchange(defer_texts_, false);
  error_code err = read_any(batch, column, value, type, cell);
  defer_texts_ = defer;
  if (err) return err;
  column.cells[slot] = cell;
  return simdjson::SUCCESS;
}

void RecordDecoder::reject(Batch& batch, std::string_view payload, std::string_view key,
                           const RecordOrigin& origin, Failure failure) {
  RejectedRecord r;
  r.origin = origin;
  r.payload = std::string(payload);
  r.key = std::string(key);
  r.reason = failure.reason;
  r.detail = std::move(failure.detail);
  batch.rejected.push_back(std::move(r));
}

}  // namespace sluice::json
