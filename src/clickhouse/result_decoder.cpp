#include "clickhouse/result_decoder.h"

#include <cstring>

#include "clickhouse/protocol.h"
#include "clickhouse/value_text.h"

namespace sluice::clickhouse {

namespace {

// Bounds on counts taken from the wire, so a corrupt stream cannot make us allocate wildly.
constexpr uint64_t kMaxColumns = 1 << 16;
constexpr uint64_t kMaxRows = 1ULL << 32;

constexpr uint64_t kLcNeedGlobalDictionary = 1ULL << 8;
constexpr uint64_t kLcHasAdditionalKeys = 1ULL << 9;

Error protocol_error(std::string message) {
  return Error(ErrorCode::Protocol, "Native block: " + std::move(message));
}

// Reads n fixed-width values and formats each.
template <typename T, typename Format>
Status read_fixed_values(WireReader& in, size_t n, std::vector<std::optional<std::string>>& out,
                         Format format) {
  std::vector<T> raw(n);
  if (n > 0)
    SLUICE_RETURN_IF_ERROR(in.read_exact(reinterpret_cast<char*>(raw.data()), n * sizeof(T)));
  out.reserve(out.size() + n);
  for (const T& v : raw) out.emplace_back(format(v));
  return Status::success();
}

template <typename T>
Status read_integers(WireReader& in, size_t n, std::vector<std::optional<std::string>>& out) {
  return read_fixed_values<T>(in, n, out, [](T v) { return std::to_string(v); });
}

std::string element_text(const ColumnType& type, const std::optional<std::string>& v) {
  if (!v) return "NULL";
  return type.quoted_in_composite() ? quote_string(*v) : *v;
}

std::string enum_name(const ColumnType& type, int64_t code) {
  for (const auto& [value, name] : type.enum_values) {
    if (value == code) return name;
  }
  return std::to_string(code);  // unknown codes should not happen; show the number
}

}  // namespace

Status ResultDecoder::read_block(WireReader& in, DecodedBlock& out, bool decode_values) const {
  out = DecodedBlock{};
  // BlockInfo: numbered fields ending with 0. Unknown numbers cannot be skipped.
  while (block_info_) {
    auto field = in.read_varuint();
    if (!field.ok()) return field.error();
    if (field.value() == 0) break;
    if (field.value() == 1) {
      SLUICE_RETURN_IF_ERROR(in.skip(1));  // is_overflows
    } else if (field.value() == 2) {
      SLUICE_RETURN_IF_ERROR(in.skip(4));  // bucket_num
    } else {
      return protocol_error("unknown BlockInfo field " + std::to_string(field.value()));
    }
  }
  auto ncols = in.read_varuint();
  if (!ncols.ok()) return ncols.error();
  auto nrows = in.read_varuint();
  if (!nrows.ok()) return nrows.error();
  if (ncols.value() > kMaxColumns || nrows.value() > kMaxRows) {
    return protocol_error("implausible block size " + std::to_string(ncols.value()) + " x " +
                          std::to_string(nrows.value()));
  }
  out.rows = nrows.value();
  out.columns.resize(ncols.value());
  if (decode_values) out.values.resize(ncols.value());
  for (size_t c = 0; c < out.columns.size(); ++c) {
    SLUICE_RETURN_IF_ERROR(in.read_string(out.columns[c].name));
    SLUICE_RETURN_IF_ERROR(in.read_string(out.columns[c].type));
    if (revision_ >= rev::kCustomSerialization) {
      auto custom = in.read_u8();
      if (!custom.ok()) return custom.error();
      if (custom.value() != 0) return protocol_error("custom serialization is not supported");
    }
    if (out.rows == 0) continue;  // zero rows: no data, not even prefixes
    auto type = parse_column_type(out.columns[c].type);
    if (!type.ok()) return type.error();
    Values scratch;
    Values& values = decode_values ? out.values[c] : scratch;
    SLUICE_RETURN_IF_ERROR(read_prefix(type.value(), in));
    SLUICE_RETURN_IF_ERROR(read_values(type.value(), in, out.rows, values));
    if (values.size() != out.rows) return protocol_error("column row count mismatch");
  }
  return Status::success();
}

// State prefixes of the whole type tree come before any data (only LowCardinality has one).
Status ResultDecoder::read_prefix(const ColumnType& type, WireReader& in) const {
  switch (type.kind) {
    case TypeKind::LowCardinality: {
      auto version = in.read_fixed<uint64_t>();
      if (!version.ok()) return version.error();
      if (version.value() != 1) {
        return protocol_error("LowCardinality keys version " + std::to_string(version.value()));
      }
      return Status::success();
    }
    case TypeKind::Nullable:
    case TypeKind::Array:
    case TypeKind::Tuple:
      for (const auto& arg : type.args) SLUICE_RETURN_IF_ERROR(read_prefix(arg, in));
      return Status::success();
    default:
      return Status::success();
  }
}

Status ResultDecoder::read_values(const ColumnType& type, WireReader& in, size_t n,
                                  Values& out) const {
  switch (type.kind) {
    case TypeKind::Nothing: {
      SLUICE_RETURN_IF_ERROR(in.skip(n));
      out.resize(out.size() + n);
      return Status::success();
    }
    case TypeKind::UInt8:
      return read_integers<uint8_t>(in, n, out);
    case TypeKind::UInt16:
      return read_integers<uint16_t>(in, n, out);
    case TypeKind::UInt32:
      return read_integers<uint32_t>(in, n, out);
    case TypeKind::UInt64:
      return read_integers<uint64_t>(in, n, out);
    case TypeKind::Int8:
      return read_integers<int8_t>(in, n, out);
    case TypeKind::Int16:
      return read_integers<int16_t>(in, n, out);
    case TypeKind::Int32:
      return read_integers<int32_t>(in, n, out);
    case TypeKind::Int64:
      return read_integers<int64_t>(in, n, out);
    case TypeKind::Float32:
      return read_fixed_values<float>(in, n, out, format_float32);
    case TypeKind::Float64:
      return read_fixed_values<double>(in, n, out, format_float64);
    case TypeKind::Date:
      return read_fixed_values<uint16_t>(in, n, out, [](uint16_t d) { return format_date(d); });
    case TypeKind::DateTime:
      return read_fixed_values<uint32_t>(in, n, out, [](uint32_t s) { return format_datetime(s); });
    case TypeKind::Decimal32:
      return read_fixed_values<int32_t>(in, n, out,
                                        [&](int32_t v) { return format_decimal(v, type.scale); });
    case TypeKind::Decimal64:
      return read_fixed_values<int64_t>(in, n, out,
                                        [&](int64_t v) { return format_decimal(v, type.scale); });
    case TypeKind::Decimal128:
      return read_fixed_values<Int128>(in, n, out,
                                       [&](Int128 v) { return format_decimal(v, type.scale); });
    case TypeKind::Enum8:
      return read_fixed_values<int8_t>(in, n, out, [&](int8_t v) { return enum_name(type, v); });
    case TypeKind::Enum16:
      return read_fixed_values<int16_t>(in, n, out, [&](int16_t v) { return enum_name(type, v); });
    case TypeKind::UUID: {
      struct Halves {
        uint64_t high, low;
      };
      return read_fixed_values<Halves>(in, n, out,
                                       [](Halves h) { return format_uuid(h.high, h.low); });
    }
    case TypeKind::String: {
      out.reserve(out.size() + n);
      for (size_t i = 0; i < n; ++i) {
        std::string s;
        SLUICE_RETURN_IF_ERROR(in.read_string(s));
        out.emplace_back(std::move(s));
      }
      return Status::success();
    }
    case TypeKind::FixedString: {
      out.reserve(out.size() + n);
      for (size_t i = 0; i < n; ++i) {
        std::string s(type.fixed_size, '\0');
        SLUICE_RETURN_IF_ERROR(in.read_exact(s.data(), s.size()));
        out.emplace_back(std::move(s));
      }
      return Status::success();
    }
    case TypeKind::Nullable: {
      std::string null_map(n, '\0');
      SLUICE_RETURN_IF_ERROR(in.read_exact(null_map.data(), n));
      const size_t start = out.size();
      SLUICE_RETURN_IF_ERROR(read_values(type.args[0], in, n, out));
      if (out.size() != start + n) return protocol_error("Nullable row count mismatch");
      for (size_t i = 0; i < n; ++i) {
        if (null_map[i] != 0) out[start + i].reset();
      }
      return Status::success();
    }
    case TypeKind::Array:
      return read_array(type, in, n, out);
    case TypeKind::Tuple:
      return read_tuple(type, in, n, out);
    case TypeKind::LowCardinality:
      return read_low_cardinality(type, in, n, out);
  }
  return protocol_error("unhandled type kind");
}

Status ResultDecoder::read_array(const ColumnType& type, WireReader& in, size_t n,
                                 Values& out) const {
  std::vector<uint64_t> offsets(n);
  if (n > 0) {
    SLUICE_RETURN_IF_ERROR(in.read_exact(reinterpret_cast<char*>(offsets.data()), n * 8));
  }
  uint64_t prev = 0;
  for (uint64_t o : offsets) {
    if (o < prev) return protocol_error("Array offsets go backwards");
    prev = o;
  }
  if (prev > kMaxRows) return protocol_error("Array has too many elements");
  Values flat;
  SLUICE_RETURN_IF_ERROR(read_values(type.args[0], in, prev, flat));
  if (flat.size() != prev) return protocol_error("Array element count mismatch");
  prev = 0;
  out.reserve(out.size() + n);
  for (uint64_t o : offsets) {
    std::string text = "[";
    for (uint64_t i = prev; i < o; ++i) {
      if (i != prev) text.push_back(',');
      text += element_text(type.args[0], flat[i]);
    }
    text.push_back(']');
    out.emplace_back(std::move(text));
    prev = o;
  }
  return Status::success();
}

Status ResultDecoder::read_tuple(const ColumnType& type, WireReader& in, size_t n,
                                 Values& out) const {
  std::vector<Values> elements(type.args.size());
  for (size_t e = 0; e < type.args.size(); ++e) {
    SLUICE_RETURN_IF_ERROR(read_values(type.args[e], in, n, elements[e]));
    if (elements[e].size() != n) return protocol_error("Tuple element row count mismatch");
  }
  out.reserve(out.size() + n);
  for (size_t r = 0; r < n; ++r) {
    std::string text = "(";
    for (size_t e = 0; e < elements.size(); ++e) {
      if (e != 0) text.push_back(',');
      text += element_text(type.args[e], elements[e][r]);
    }
    text.push_back(')');
    out.emplace_back(std::move(text));
  }
  return Status::success();
}

Status ResultDecoder::read_low_cardinality(const ColumnType& type, WireReader& in, size_t n,
                                           Values& out) const {
  const ColumnType& inner = type.args[0];
  const bool nullable = inner.kind == TypeKind::Nullable;
  const ColumnType& key_type = nullable ? inner.args[0] : inner;
  // 18.16 writes a whole zero-row granule where newer servers write nothing (see protocol.h).
  bool legacy_empty = n == 0 && revision_ <= rev::kLastWithLegacyLcEmptyGranule;
  size_t done = 0;
  while (done < n || legacy_empty) {
    legacy_empty = false;
    auto flags = in.read_fixed<uint64_t>();
    if (!flags.ok()) return flags.error();
    const uint64_t index_width_code = flags.value() & 0xff;
    if (index_width_code > 3) return protocol_error("LowCardinality index type out of range");
    if (flags.value() & kLcNeedGlobalDictionary) {
      return protocol_error("LowCardinality shared dictionary is not used in Native streams");
    }
    if (!(flags.value() & kLcHasAdditionalKeys)) {
      return protocol_error("LowCardinality granule without keys");
    }
    auto nkeys = in.read_fixed<uint64_t>();
    if (!nkeys.ok()) return nkeys.error();
    if (nkeys.value() > kMaxRows) return protocol_error("LowCardinality has too many keys");
    Values keys;
    SLUICE_RETURN_IF_ERROR(read_values(key_type, in, nkeys.value(), keys));
    auto nidx = in.read_fixed<uint64_t>();
    if (!nidx.ok()) return nidx.error();
    if (nidx.value() > n - done) return protocol_error("LowCardinality has too many rows");
    const size_t width = size_t{1} << index_width_code;
    std::string raw(nidx.value() * width, '\0');
    SLUICE_RETURN_IF_ERROR(in.read_exact(raw.data(), raw.size()));
    for (size_t i = 0; i < nidx.value(); ++i) {
      uint64_t index = 0;
      std::memcpy(&index, raw.data() + i * width, width);  // little-endian
      if (index >= keys.size()) return protocol_error("LowCardinality index out of range");
      if (nullable && index == 0) {
        out.emplace_back(std::nullopt);
      } else {
        out.push_back(keys[index]);
      }
    }
    done += nidx.value();
    if (nidx.value() == 0 && done < n) return protocol_error("LowCardinality empty granule");
  }
  return Status::success();
}

}  // namespace sluice::clickhouse
