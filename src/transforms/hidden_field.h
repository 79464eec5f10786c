#pragma once

#include "config/pipeline.h"

namespace sluice::transforms {

// `field` under a name no mapping can use: a batch column that is not a stage's output.
inline config::SchemaField hidden_field(config::SchemaField field) {
  field.name.insert(0, "\x01");
  return field;
}

}  // namespace sluice::transforms
