#include "config/runtime_support.h"

namespace sluice::config {

std::vector<Diagnostic> unsupported_at_runtime(const Pipeline& pipeline) {
  std::vector<Diagnostic> out;
  if (pipeline.transforms.empty() && !pipeline.join.enabled) return out;
  Diagnostic diagnostic;
  diagnostic.path = pipeline.transforms.empty() ? "join" : "transforms";
  diagnostic.message =
      "transforms/joins are not implemented in this version yet; validate accepted the file";
  diagnostic.hint =
      "remove transforms and join to run the pipeline now (sluice validate still checks them)";
  out.push_back(std::move(diagnostic));
  return out;
}

}  // namespace sluice::config
