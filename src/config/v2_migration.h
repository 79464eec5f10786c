#pragma once

#include <yaml-cpp/yaml.h>

#include "config/diagnostic.h"

// V2 pipeline files (the reference's previous format, §1.9 of its docs) converted to the V3
// layout, as a document tree that then goes through the normal V3 reader.
namespace sluice::config {

// Whether `root` is a V2 document: version v2, or no version and V2-only root keys (source,
// schema, filter, stateless_transformation, pipeline_resources).
bool is_v2_document(const YAML::Node& root);

// The V3 equivalent of a V2 document. Problems that make a part unconvertible are reported
// as errors at V2 paths; things the user should review (inverted filter semantics) as
// warnings. Values keep their source positions where they were copied.
YAML::Node migrate_v2(const YAML::Node& root, const Where& at, Diagnostics& diags);

}  // namespace sluice::config
