#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/pipeline.h"

namespace sluice::config {

// Maps a schema_fields[].type spelling to its basic kind, ignoring letter case:
// string/bytes, int/integer/int8..int64, uint/uint8..uint64, float/float32/float64/number,
// bool/boolean, array, map/object, datetime. nullopt for anything else.
std::optional<FieldType> parse_field_type(std::string_view declared);

// The canonical lower-case name of a kind ("string", "int", ..., "datetime").
std::string_view field_type_name(FieldType type);

// Every accepted spelling, in table order, for messages, "did you mean" and docs.
std::vector<std::string_view> accepted_field_type_spellings();
std::string accepted_field_type_list();  // the same, comma-separated

}  // namespace sluice::config
