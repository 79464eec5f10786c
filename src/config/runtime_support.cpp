#include "config/runtime_support.h"

namespace sluice::config {

std::vector<Diagnostic> unsupported_at_runtime(const Pipeline& pipeline) {
  std::vector<Diagnostic> out;
  if (pipeline.join.enabled) {
    Diagnostic diagnostic;
    diagnostic.path = "join";
    diagnostic.message = "joins are not implemented in this version yet; validate accepted it";
    diagnostic.hint = "disable the join to run the pipeline now (sluice validate still checks it)";
    out.push_back(std::move(diagnostic));
  }
  return out;
}

}  // namespace sluice::config
