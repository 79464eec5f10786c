#pragma once

#include <cstdint>

#include "native/column_encoder.h"

namespace sluice::native {

// FixedString(N): N bytes per value, zero-padded on the right. Accepts strings of at most N bytes.
class FixedStringEncoder final : public ColumnEncoder {
 public:
  explicit FixedStringEncoder(uint32_t length) : length_(length) {}
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  uint32_t length_;
};

}  // namespace sluice::native
