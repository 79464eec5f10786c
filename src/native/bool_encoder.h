#pragma once

#include "native/column_encoder.h"

namespace sluice::native {

// Bool (one byte 0/1; ClickHouse 21.12+). Accepts bools, the integers 0 and 1 and the strings
// "true", "false", "1", "0".
class BoolEncoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

}  // namespace sluice::native
