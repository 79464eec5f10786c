#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/pipeline.h"

// The names of a batch's columns, as the stages publish them (column_fields()).
namespace sluice::transforms {

// `field` under a name no mapping can use: a batch column that is not a stage's output.
inline config::SchemaField hidden_field(config::SchemaField field) {
  field.name.insert(0, "\x01");
  return field;
}

// The index of the field named `name` in `fields`, or -1.
inline int64_t field_named(const std::vector<config::SchemaField>& fields,
                           const std::string& name) {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return static_cast<int64_t>(i);
  return -1;
}

}  // namespace sluice::transforms
