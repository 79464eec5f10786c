#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostic.h"
#include "config/pipeline.h"

namespace sluice::config {

// The outcome of loading a pipeline file. `pipeline` is set exactly when `errors` is empty.
// Warnings (ignored keys, settings without effect) never stop a load. Both lists are in
// document order.
struct LoadResult {
  std::optional<Pipeline> pipeline;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};

// Loads a V3 pipeline file, JSON or YAML (same field names). The format comes from the
// extension (.json, .yaml, .yml), else from the content; it only changes the wording of
// syntax errors, as one parser reads both. Diagnostics name the file as `path` was given.
// Never throws.
LoadResult load_pipeline_file(const std::string& path);

// The same for text already in memory; `origin_name` names it in diagnostics.
LoadResult load_pipeline_text(std::string_view text, std::string_view origin_name);

}  // namespace sluice::config
