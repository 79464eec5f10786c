#pragma once

#include <string>

namespace sluice::config {

// The pipeline file reference as Markdown, generated from the same tables that drive the
// loader (config/pipeline_spec.cpp), so the docs cannot drift from the code.
std::string pipeline_reference_markdown();

}  // namespace sluice::config
