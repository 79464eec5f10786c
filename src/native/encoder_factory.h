#pragma once

#include <memory>

#include "base/result.h"
#include "native/column_encoder.h"
#include "native/type_desc.h"

namespace sluice::native {

// Builds the encoder tree for `type`. Fails with InvalidArgument ("Map(String, UInt8) is not
// supported yet") for types that parse but have no encoder: Int128/256, UInt128/256,
// Decimal with P > 38, IPv4, IPv6, Map, Tuple and LowCardinality of anything but String and
// Nullable(String).
Result<std::unique_ptr<ColumnEncoder>> make_encoder(const TypeDesc& type);

}  // namespace sluice::native
