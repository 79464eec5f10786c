#pragma once

#include <cstdint>
#include <string_view>

#include "native/column_encoder.h"

namespace sluice::native {

// Parses "8-4-4-4-12" hex text (either case) into its two halves: `high` holds the first 16 hex
// digits as a number, `low` the last 16. False for any other text.
bool parse_uuid_text(std::string_view text, uint64_t& high, uint64_t& low);

// UUID: per value two UInt64 LE, `high` first, then `low` (protocol reference §9.1: writing 16
// big-endian bytes instead silently stores another UUID). Accepts strings only.
class UuidEncoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

}  // namespace sluice::native
