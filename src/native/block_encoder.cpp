#include "native/block_encoder.h"

#include <algorithm>
#include <cassert>
#include <unordered_set>

#include "base/varint.h"
#include "native/encoder_factory.h"
#include "native/type_parser.h"

namespace sluice::native {
namespace {

std::string column_label(const ColumnBinding& b) {
  return "column \"" + b.column_name + "\" (" + b.column_type + ")";
}

}  // namespace

Result<BlockEncoder> BlockEncoder::create(std::vector<ColumnBinding> bindings) {
  BlockEncoder encoder;
  std::unordered_set<std::string> names;
  for (const ColumnBinding& b : bindings) {
    if (!names.insert(b.column_name).second)
      return Error(ErrorCode::InvalidArgument,
                   "column \"" + b.column_name + "\" is mapped more than once");
    Result<TypeDesc> type = parse_type(b.column_type);
    if (!type.ok()) return type.error().with_context(column_label(b));
    Result<std::unique_ptr<ColumnEncoder>> column_encoder = make_encoder(type.value());
    if (!column_encoder.ok()) return column_encoder.error().with_context(column_label(b));
    encoder.types_.push_back(std::move(type).value());
    encoder.encoders_.push_back(std::move(column_encoder).value());
  }
  encoder.bindings_ = std::move(bindings);
  return encoder;
}

std::vector<RowFailure> BlockEncoder::encode(const Batch& batch, std::span<const uint32_t> rows,
                                             std::string& out) {
  std::vector<RowFailure> result;
  append_varuint(out, bindings_.size());
  append_varuint(out, rows.size());
  for (size_t c = 0; c < bindings_.size(); ++c) {
    const ColumnBinding& binding = bindings_[c];
    append_binary_string(out, binding.column_name);
    append_binary_string(out, binding.column_type);
    if (write_custom_serialization_flag_) out.push_back('\0');
    if (rows.empty()) continue;  // a block without rows carries no column data, not even prefixes

    assert(binding.field_index < batch.columns.size() && "binding refers to a missing field");
    const Column& column = batch.columns[binding.field_index];
    std::span<const uint32_t> indexes = rows;
    if (binding.absent_as_default) {
      indexes_.resize(rows.size());
      for (size_t i = 0; i < rows.size(); ++i)
        indexes_[i] = column.cells[rows[i]].is_absent() ? kDefaultValue : rows[i];
      indexes = indexes_;
    }
    failures_.clear();
    ColumnEncoder& encoder = *encoders_[c];
    encoder.write_prefix(out);
    encoder.write_body(ColumnSlice{batch, column, indexes}, out, failures_);
    for (EncodeFailure& f : failures_) {
      std::string detail = "field \"" + binding.field_name + "\"";
      if (f.absent) {
        detail += " " + f.detail + " and " + column_label(binding) + " is not Nullable";
      } else {
        detail += ": " + f.detail + " for " + column_label(binding);
      }
      result.push_back(RowFailure{rows[f.position], std::move(detail)});
    }
  }
  if (result.size() > 1) {
    // One entry per row, in row order; a stable sort keeps the column order within a row.
    std::stable_sort(result.begin(), result.end(),
                     [](const RowFailure& a, const RowFailure& b) { return a.row < b.row; });
    size_t kept = 0;
    for (size_t i = 0; i < result.size(); ++i) {
      if (kept > 0 && result[kept - 1].row == result[i].row) {
        result[kept - 1].detail += "; " + result[i].detail;
      } else {
        if (kept != i) result[kept] = std::move(result[i]);  // self-move would empty the detail
        ++kept;
      }
    }
    result.resize(kept);
  }
  return result;
}

}  // namespace sluice::native
