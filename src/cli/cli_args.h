#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "pipeline/run_options.h"

namespace sluice::cli {

// `sluice run` arguments.
struct RunArgs {
  std::string pipeline_path;
  pipeline::RunOptions options;
};

Result<RunArgs> parse_run_args(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace sluice::cli
