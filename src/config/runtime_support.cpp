#include "config/runtime_support.h"

namespace sluice::config {

std::vector<Diagnostic> unsupported_at_runtime(const Pipeline& pipeline) {
  std::vector<Diagnostic> out;
  for (size_t i = 0; i < pipeline.transforms.size(); ++i) {
    if (pipeline.transforms[i].type != TransformType::Dedup) continue;
    Diagnostic diagnostic;
    diagnostic.path = "transforms[" + std::to_string(i) + "]";
    diagnostic.message = "dedup is not implemented in this version yet; validate accepted it";
    diagnostic.hint =
        "remove the dedup step to run the pipeline now (filter and stateless steps run)";
    out.push_back(std::move(diagnostic));
  }
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
