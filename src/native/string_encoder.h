#pragma once

#include <string>
#include <string_view>

#include "native/column_encoder.h"

namespace sluice::native {

// The text a String column stores for a present (not missing/null) cell: strings as they are,
// objects as their stored JSON text, arrays serialised as JSON, numbers and bools as their JSON
// text. The view points into the batch's arena or, for generated text, into `scratch`
// (overwritten by the next call).
std::string_view string_value(const Batch& batch, const Column& column, const Cell& cell,
                              std::string& scratch);

// String: per value a VarUInt length and the bytes (the layout below protocol revision 54492).
// Every present value converts (see string_value); only missing/null fail.
class StringEncoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;

 private:
  std::string scratch_;
};

}  // namespace sluice::native
