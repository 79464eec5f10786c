#include "native/uuid_encoder.h"

#include "native/fixed_width_writer.h"

namespace sluice::native {
namespace {

struct UuidHalves {
  uint64_t high;
  uint64_t low;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool parse_uuid_text(std::string_view text, uint64_t& high, uint64_t& low) {
  if (text.size() != 36) return false;
  uint64_t halves[2] = {0, 0};
  int digit = 0;
  for (size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      continue;
    }
    int v = hex_value(text[i]);
    if (v < 0) return false;
    uint64_t& half = halves[digit / 16];
    half = (half << 4) | static_cast<uint64_t>(v);
    ++digit;
  }
  high = halves[0];
  low = halves[1];
  return true;
}

void UuidEncoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  static_assert(sizeof(UuidHalves) == 16);
  const Batch& batch = slice.batch;
  write_fixed_values<UuidHalves>(slice, out, failures,
                                 [&batch](const Cell& cell, UuidHalves& value) -> const char* {
                                   if (cell.kind != ValueKind::String)
                                     return "is not a UUID string";
                                   if (!parse_uuid_text(batch.text(cell), value.high, value.low))
                                     return "is not a UUID (expected 8-4-4-4-12 hex digits)";
                                   return nullptr;
                                 });
}

}  // namespace sluice::native
