#pragma once

#include <yaml-cpp/yaml.h>

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

// Loads a V3 pipeline file, JSON or YAML (same field names). A V2 file is migrated to V3
// first, with a warning that names the file and `sluice migrate`. The format comes from the
// extension (.json, .yaml, .yml), else from the content; it only changes the wording of
// syntax errors, as one parser reads both. Diagnostics name the file as `path` was given.
// Never throws.
LoadResult load_pipeline_file(const std::string& path);

// The same for text already in memory; `origin_name` names it in diagnostics.
LoadResult load_pipeline_text(std::string_view text, std::string_view origin_name);

// `sluice migrate`: the V3 document of a pipeline file (a V2 file migrated, a V3 file as it
// is), with the problems the V3 reader finds in it. `document` is set unless the file could
// not be read or parsed.
struct MigrationResult {
  std::optional<YAML::Node> document;
  bool was_v2 = false;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
};
MigrationResult migrate_pipeline_file(const std::string& path);

}  // namespace sluice::config
