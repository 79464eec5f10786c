#pragma once

#include <string>

#include "config/pipeline.h"

namespace sluice::cli {

// A CREATE TABLE statement for the pipeline's sink table with one column per mapping entry,
// in mapping order, as a starting point for users (`sluice ddl`).
std::string table_ddl(const config::Pipeline& pipeline, const std::string& engine);

}  // namespace sluice::cli
