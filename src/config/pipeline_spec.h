#pragma once

#include <vector>

#include "config/field_builders.h"
#include "config/pipeline.h"

// The V3 pipeline file format, declared once as tables (see config/field_spec.h).
// Supporting a new section later (transforms, join, resources) means adding its rows and
// its target struct here, not changing the reader.
namespace sluice::config {

const ObjectSpec<Pipeline>& pipeline_spec();

// Every object of the format in file order, for generated documentation.
std::vector<ObjectDoc> pipeline_docs();

}  // namespace sluice::config
