#include "native/enum_encoder.h"

#include <algorithm>

#include "native/fixed_width_writer.h"
#include "native/integer_encoder.h"

namespace sluice::native {

EnumEncoder::EnumEncoder(const TypeDesc& type) : is_enum8_(type.kind == TypeKind::Enum8) {
  for (const EnumValue& v : type.enum_values) {
    by_name_.emplace_back(v.name, v.value);
    codes_.push_back(v.value);
  }
  std::sort(by_name_.begin(), by_name_.end());
  std::sort(codes_.begin(), codes_.end());
}

const char* EnumEncoder::convert(const Batch& batch, const Cell& cell, int16_t& code) const {
  if (cell.kind == ValueKind::String) {
    std::string_view name = batch.text(cell);
    auto it = std::lower_bound(
        by_name_.begin(), by_name_.end(), name,
        [](const std::pair<std::string, int16_t>& e, std::string_view n) { return e.first < n; });
    if (it == by_name_.end() || it->first != name) return "is not one of the enum's names";
    code = it->second;
    return nullptr;
  }
  if (cell.kind == ValueKind::Int || cell.kind == ValueKind::UInt ||
      cell.kind == ValueKind::Float) {
    if (const char* problem = convert_integer(batch, cell, code)) return problem;
    if (!std::binary_search(codes_.begin(), codes_.end(), code))
      return "is not one of the enum's values";
    return nullptr;
  }
  return "cannot be converted to an enum";
}

void EnumEncoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  if (is_enum8_) {
    write_fixed_values<int8_t>(slice, out, failures,
                               [this, &batch](const Cell& cell, int8_t& value) -> const char* {
                                 int16_t code = 0;
                                 const char* problem = convert(batch, cell, code);
                                 value = static_cast<int8_t>(code);
                                 return problem;
                               });
  } else {
    write_fixed_values<int16_t>(
        slice, out, failures,
        [this, &batch](const Cell& cell, int16_t& value) { return convert(batch, cell, value); });
  }
}

}  // namespace sluice::native
