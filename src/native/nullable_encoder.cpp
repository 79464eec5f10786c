#include "native/nullable_encoder.h"

namespace sluice::native {

void NullableEncoder::write_body(const ColumnSlice& slice, std::string& out,
                                 std::vector<EncodeFailure>& failures) {
  const size_t count = slice.indexes.size();
  nested_indexes_.resize(count);
  const size_t base = out.size();
  out.resize(base + count);
  char* null_map = out.data() + base;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t index = slice.indexes[i];
    const bool is_null = index == kDefaultValue || slice.column.cells[index].is_absent();
    null_map[i] = is_null ? 1 : 0;
    nested_indexes_[i] = is_null ? kDefaultValue : index;
  }
  nested_->write_body(ColumnSlice{slice.batch, slice.column, nested_indexes_}, out, failures);
}

}  // namespace sluice::native
