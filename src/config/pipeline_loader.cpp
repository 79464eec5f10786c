#include "config/pipeline_loader.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/node_reader.h"
#include "config/pipeline_spec.h"
#include "config/text_util.h"

namespace sluice::config {
namespace {

enum class Format { Json, Yaml };

Format guess_format(std::string_view origin, std::string_view text) {
  const std::string name = to_lower(origin);
  if (name.ends_with(".json")) return Format::Json;
  if (name.ends_with(".yaml") || name.ends_with(".yml")) return Format::Yaml;
  return trim(text).starts_with('{') ? Format::Json : Format::Yaml;
}

const std::string_view kV2Hint =
    "convert it to the V3 layout (sources[], transforms[], sink.mapping[]) and set version: v3";

// V2 files have root keys that V3 does not know. Reporting them as unknown keys one by one
// would bury the real problem, so a V2 file gets a single error instead.
bool reject_v2(const YAML::Node& root, Diagnostics& diags) {
  const Where at = with_position(Where{}, root);
  const YAML::Node version = value_of(root, "version");
  if (version.IsScalar() && equals_ignoring_case(trim(version.Scalar()), "v2")) {
    diags.error(where_of(root, at, "version"),
                "V2 pipeline files are not supported yet (migration from V2 is planned)",
                std::string(kV2Hint));
    return true;
  }
  if (!is_absent(version)) return false;
  for (std::string_view key :
       {"source", "pipeline_resources", "stateless_transformation", "filter", "schema"}) {
    if (!value_of(root, key).IsDefined()) continue;
    diags.error(where_of(root, at, key),
                "this looks like a V2 pipeline file (\"" + std::string(key) +
                    "\" is a V2 key); V2 files are not supported yet (migration is planned)",
                std::string(kV2Hint));
    return true;
  }
  return false;
}

void read_document(std::string_view text, Format format, Diagnostics& diags,
                   std::optional<Pipeline>& pipeline) {
  const char* format_name = format == Format::Json ? "JSON" : "YAML";
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    Where at;
    if (!error.mark.is_null()) {
      at.line = error.mark.line + 1;
      at.column = error.mark.column + 1;
    }
    diags.error(at, std::string("invalid ") + format_name + ": " + error.msg,
                "check the quotes, brackets and indentation around this position");
    return;
  }
  if (documents.empty() || is_absent(documents[0])) {
    diags.error(Where{}, "the file holds no pipeline",
                "write a V3 pipeline; see examples/quickstart.yaml");
    return;
  }
  if (documents.size() > 1) {
    diags.error(with_position(Where{}, documents[1]), "the file holds more than one document",
                "put one pipeline per file");
    return;
  }
  const YAML::Node& root = documents[0];
  if (!root.IsMap()) {
    diags.error(with_position(Where{}, root),
                "expected the pipeline object (key: value pairs), got " + describe(root),
                "write a V3 pipeline; see examples/quickstart.yaml");
    return;
  }
  if (reject_v2(root, diags)) return;
  try {
    Pipeline result;
    read_object(pipeline_spec(), root, with_position(Where{}, root), diags, result);
    if (!diags.has_errors()) pipeline = std::move(result);
  } catch (const YAML::Exception& error) {
    // The readers only use non-throwing accessors; this is a safety net, not a code path.
    diags.error(Where{}, std::string("internal error while reading the file: ") + error.what(),
                "please report this with the file");
  }
}

}  // namespace

LoadResult load_pipeline_text(std::string_view text, std::string_view origin_name) {
  Diagnostics diags{std::string(origin_name)};
  LoadResult result;
  read_document(text, guess_format(origin_name, text), diags, result.pipeline);
  result.errors = diags.take_errors();
  result.warnings = diags.take_warnings();
  if (!result.errors.empty()) result.pipeline.reset();
  return result;
}

LoadResult load_pipeline_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int saved_errno = errno;
    Diagnostics diags{path};
    diags.error(Where{}, std::string("cannot open the file: ") + std::strerror(saved_errno),
                "check the path and the file's permissions");
    return LoadResult{std::nullopt, diags.take_errors(), {}};
  }
  std::ostringstream content;
  content << file.rdbuf();
  return load_pipeline_text(content.str(), path);
}

}  // namespace sluice::config
