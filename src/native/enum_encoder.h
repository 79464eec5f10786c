#pragma once

#include <string>
#include <utility>
#include <vector>

#include "native/column_encoder.h"
#include "native/type_desc.h"

namespace sluice::native {

// Enum8 / Enum16: per value the Int8 / Int16 code. Accepts a string that is one of the declared
// names (exact match) or an integer (or whole float) that is one of the declared codes.
class EnumEncoder final : public ColumnEncoder {
 public:
  // `type` is an Enum8 or Enum16 TypeDesc.
  explicit EnumEncoder(const TypeDesc& type);
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  // Returns nullptr and sets `code` on success.
  const char* convert(const Batch& batch, const Cell& cell, int16_t& code) const;

  bool is_enum8_;
  std::vector<std::pair<std::string, int16_t>> by_name_;  // sorted by name
  std::vector<int16_t> codes_;                            // sorted
};

}  // namespace sluice::native
