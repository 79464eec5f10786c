#pragma once

#include "native/column_encoder.h"

namespace sluice::native {

// Float32 (T = float) and Float64 (T = double). Accepts every number kind and strings that are
// a whole decimal number ("1.5", "-2e3"). A finite value beyond Float32's range fails rather
// than becoming infinity; a bool or anything else fails.
template <typename T>
class FloatEncoder final : public ColumnEncoder {
 public:
  void write_body(const ColumnSlice& slice, std::string& out,
                  std::vector<EncodeFailure>& failures) override;
};

extern template class FloatEncoder<float>;
extern template class FloatEncoder<double>;

}  // namespace sluice::native
