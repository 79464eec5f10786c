#pragma once

#include <vector>

#include "config/diagnostic.h"
#include "config/pipeline.h"

namespace sluice::config {

// What a valid pipeline asks for that this version's runtime cannot execute (a join of two sources
// that read the same topic): one diagnostic per problem, empty when the pipeline can run.
// `sluice validate` accepts such files; `sluice run` must refuse them with these diagnostics.
std::vector<Diagnostic> unsupported_at_runtime(const Pipeline& pipeline);

}  // namespace sluice::config
