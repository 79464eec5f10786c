#pragma once

#include <string>
#include <vector>

#include "native/column_encoder.h"
#include "native/string_dictionary.h"

namespace sluice::native {

// LowCardinality(String) and LowCardinality(Nullable(String)) (protocol reference §9.7).
// Prefix: UInt64 key version 1. Body, when there is at least one value: UInt64 0x600 | index
// width (HasAdditionalKeys | NeedUpdateDictionary, as the server itself writes), UInt64 key
// count and the keys as a plain String column, UInt64 value count and one index per value in
// the smallest width that fits. Key 0 is "" (the default) for LowCardinality(String); for the
// Nullable form key 0 means NULL and key 1 is "". Values convert as for String.
class LowCardinalityEncoder final : public ColumnEncoder {
 public:
  explicit LowCardinalityEncoder(bool nullable) : nullable_(nullable) {}
  void write_prefix(std::string& out) const override;
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  bool nullable_;
  StringDictionary dictionary_;
  std::vector<uint32_t> key_numbers_;  // per value, scratch
  std::string scratch_;
};

}  // namespace sluice::native
