#pragma once

#include <memory>

#include "base/result.h"
#include "native/column_encoder.h"
#include "native/type_desc.h"

namespace sluice::native {

// Builds the encoder tree for `type`. Fails with InvalidArgument ("... is not supported yet")
// for types that parse but have no encoder: LowCardinality of a variable-width type other than
// String (e.g. LowCardinality(Array(...))), which ClickHouse rejects too.
// Bytes per value of a fixed-width type (FixedString(N): N); 0 for variable-width types.
size_t fixed_width(const TypeDesc& type);

Result<std::unique_ptr<ColumnEncoder>> make_encoder(const TypeDesc& type);

}  // namespace sluice::native
