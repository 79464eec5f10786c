#include "native/uuid_encoder.h"

#include <array>
#include <cstdint>

#include "native/fixed_width_writer.h"

namespace sluice::native {
namespace {

struct UuidHalves {
  uint64_t high;
  uint64_t low;
};

// Hex digit values by byte, -1 for anything else: one load per digit, no branches.
constexpr std::array<int8_t, 256> kHexValue = [] {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t['0' + c] = static_cast<int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t['a' + c] = static_cast<int8_t>(10 + c);
    t['A' + c] = static_cast<int8_t>(10 + c);
  }
  return t;
}();

// Where the 32 hex digits of 8-4-4-4-12 sit.
constexpr uint8_t kDigitAt[32] = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
                                  19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};

}  // namespace

bool parse_uuid_text(std::string_view text, uint64_t& high, uint64_t& low) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
    return false;
  uint64_t halves[2] = {0, 0};
  int invalid = 0;  // negative once any digit is not hex
  for (int half = 0; half < 2; ++half) {
    uint64_t v = 0;
    for (int i = half * 16; i < half * 16 + 16; ++i) {
      const int8_t d = kHexValue[static_cast<unsigned char>(text[kDigitAt[i]])];
      invalid |= d;
      v = (v << 4) | static_cast<uint8_t>(d);
    }
    halves[half] = v;
  }
  if (invalid < 0) return false;
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
