#include "native/wide_integer_encoder.h"

#include <cstring>

#include "native/decimal_encoder.h"
#include "native/fixed_width_writer.h"
#include "native/wide_integer.h"

namespace sluice::native {
namespace {

const char* convert_wide(const Batch& batch, const Cell& cell, unsigned bits, bool is_signed,
                         Wide256& value) {
  switch (cell.kind) {
    case ValueKind::Int: {
      Wide256 magnitude;
      const bool negative = cell.i < 0;
      magnitude.limb[0] =
          negative ? static_cast<uint64_t>(-(cell.i + 1)) + 1 : static_cast<uint64_t>(cell.i);
      return fit_wide_integer(magnitude, negative, bits, is_signed, value);
    }
    case ValueKind::UInt:
      value = Wide256{};
      value.limb[0] = cell.u;
      return nullptr;
    case ValueKind::Bool:
      value = Wide256{};
      value.limb[0] = cell.b ? 1 : 0;
      return nullptr;
    case ValueKind::String:
      return parse_wide_integer_text(batch.text(cell), bits, is_signed, value);
    case ValueKind::Float: {
      char buf[32];
      std::string_view text;
      if (const char* problem = number_text(cell, buf, text)) return problem;
      const char* problem = parse_wide_integer_text(text, bits, is_signed, value);
      return problem;
    }
    default:
      return "cannot be converted to an integer";
  }
}

}  // namespace

void WideIntegerEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                    std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  const unsigned bits = bits_;
  const bool is_signed = signed_;
  if (bits == 128) {
    write_fixed_values<Wide128>(slice, out, failures, [&](const Cell& cell, Wide128& value) {
      Wide256 wide;
      const char* problem = convert_wide(batch, cell, bits, is_signed, wide);
      std::memcpy(value.limb, wide.limb, sizeof(value.limb));
      return problem;
    });
  } else {
    write_fixed_values<Wide256>(slice, out, failures, [&](const Cell& cell, Wide256& value) {
      return convert_wide(batch, cell, bits, is_signed, value);
    });
  }
}

}  // namespace sluice::native
