#include "config/pipeline_loader.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/node_reader.h"
#include "config/pipeline_spec.h"
#include "config/text_util.h"
#include "config/v2_migration.h"

namespace sluice::config {
namespace {

enum class Format { Json, Yaml };

Format guess_format(std::string_view origin, std::string_view text) {
  const std::string name = to_lower(origin);
  if (name.ends_with(".json")) return Format::Json;
  if (name.ends_with(".yaml") || name.ends_with(".yml")) return Format::Yaml;
  return trim(text).starts_with('{') ? Format::Json : Format::Yaml;
}

// The one document of the file, or nullopt (reported) when there is none.
std::optional<YAML::Node> parse_document(std::string_view text, Format format, Diagnostics& diags) {
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
    return std::nullopt;
  }
  if (documents.empty() || is_absent(documents[0])) {
    diags.error(Where{}, "the file holds no pipeline",
                "write a V3 pipeline; see examples/quickstart.yaml");
    return std::nullopt;
  }
  if (documents.size() > 1) {
    diags.error(with_position(Where{}, documents[1]), "the file holds more than one document",
                "put one pipeline per file");
    return std::nullopt;
  }
  if (!documents[0].IsMap()) {
    diags.error(with_position(Where{}, documents[0]),
                "expected the pipeline object (key: value pairs), got " + describe(documents[0]),
                "write a V3 pipeline; see examples/quickstart.yaml");
    return std::nullopt;
  }
  return documents[0];
}

// The V3 document of the file: itself, or a V2 file migrated (with a warning).
std::optional<YAML::Node> v3_document(std::string_view text, std::string_view origin,
                                      Diagnostics& diags) {
  auto root = parse_document(text, guess_format(origin, text), diags);
  if (!root) return std::nullopt;
  if (!is_v2_document(*root)) return root;
  YAML::Node migrated = migrate_v2(*root, with_position(Where{}, *root), diags);
  diags.warning(Where{},
                "this is a V2 pipeline file; it was migrated to V3 while loading (problems "
                "below refer to the migrated V3 document)",
                "convert it once: sluice migrate " + std::string(origin) +
                    " --format yaml > pipeline-v3.yaml, review it, and use that file");
  return migrated;
}

void read_document(std::string_view text, std::string_view origin, Diagnostics& diags,
                   std::optional<Pipeline>& pipeline) {
  auto root = v3_document(text, origin, diags);
  if (!root || diags.has_errors()) return;
  try {
    Pipeline result;
    read_object(pipeline_spec(), *root, with_position(Where{}, *root), diags, result);
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
  read_document(text, origin_name, diags, result.pipeline);
  result.errors = diags.take_errors();
  result.warnings = diags.take_warnings();
  if (!result.errors.empty()) result.pipeline.reset();
  return result;
}

namespace {

std::optional<std::string> read_whole_file(const std::string& path, Diagnostics& diags) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int saved_errno = errno;
    diags.error(Where{}, std::string("cannot open the file: ") + std::strerror(saved_errno),
                "check the path and the file's permissions");
    return std::nullopt;
  }
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace

LoadResult load_pipeline_file(const std::string& path) {
  Diagnostics diags{path};
  auto text = read_whole_file(path, diags);
  if (!text) return LoadResult{std::nullopt, diags.take_errors(), {}};
  return load_pipeline_text(*text, path);
}

MigrationResult migrate_pipeline_file(const std::string& path) {
  Diagnostics diags{path};
  MigrationResult result;
  if (auto text = read_whole_file(path, diags)) {
    auto root = parse_document(*text, guess_format(path, *text), diags);
    if (root) {
      result.was_v2 = is_v2_document(*root);
      result.document =
          result.was_v2 ? migrate_v2(*root, with_position(Where{}, *root), diags) : *root;
      if (!diags.has_errors()) {
        Pipeline ignored;
        read_object(pipeline_spec(), *result.document, Where{}, diags, ignored);
      }
    }
  }
  result.errors = diags.take_errors();
  result.warnings = diags.take_warnings();
  return result;
}

}  // namespace sluice::config
