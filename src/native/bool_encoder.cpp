#include "native/bool_encoder.h"

#include "native/fixed_width_writer.h"

namespace sluice::native {

void BoolEncoder::write_body(const ColumnSlice& slice, std::string& out,
                             std::vector<EncodeFailure>& failures) {
  const Batch& batch = slice.batch;
  write_fixed_values<uint8_t>(slice, out, failures,
                              [&batch](const Cell& cell, uint8_t& value) -> const char* {
                                switch (cell.kind) {
                                  case ValueKind::Bool:
                                    value = cell.b ? 1 : 0;
                                    return nullptr;
                                  case ValueKind::Int:
                                    if (cell.i != 0 && cell.i != 1) return "is not 0 or 1";
                                    value = static_cast<uint8_t>(cell.i);
                                    return nullptr;
                                  case ValueKind::String: {
                                    std::string_view text = batch.text(cell);
                                    if (text == "true" || text == "1") {
                                      value = 1;
                                    } else if (text == "false" || text == "0") {
                                      value = 0;
                                    } else {
                                      return "is not a bool";
                                    }
                                    return nullptr;
                                  }
                                  default:
                                    return "cannot be converted to a bool";
                                }
                              });
}

}  // namespace sluice::native
