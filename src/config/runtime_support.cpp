#include "config/runtime_support.h"

namespace sluice::config {

std::vector<Diagnostic> unsupported_at_runtime(const Pipeline& pipeline) {
  std::vector<Diagnostic> out;
  if (pipeline.join.enabled && pipeline.sources.size() == 2 &&
      pipeline.sources[0].topic == pipeline.sources[1].topic) {
    // One consumer reads both topics and tells the sides apart by topic.
    Diagnostic diagnostic;
    diagnostic.path = "sources[1].topic";
    diagnostic.message = "both sources of the join read topic \"" + pipeline.sources[0].topic +
                         "\"; the join tells its sides apart by topic";
    diagnostic.hint = "give each source its own topic";
    out.push_back(std::move(diagnostic));
  }
  return out;
}

}  // namespace sluice::config
