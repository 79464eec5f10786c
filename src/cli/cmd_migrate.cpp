#include <cstdio>

#include "cli/command.h"
#include "config/node_writer.h"
#include "config/pipeline_loader.h"

namespace sluice::cli {

// `sluice migrate PIPELINE [--format json|yaml]`: prints the V3 equivalent of a V2 file (a V3
// file is printed as it is, converted to the format). Problems go to stderr; the document is
// printed even then, so that it can be fixed by hand.
int migrate_command(const std::vector<std::string>& args) {
  std::string path, format;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (path.empty() && !args[i].starts_with("-")) {
      path = args[i];
    } else {
      path.clear();
      break;
    }
  }
  if (path.empty() || (!format.empty() && format != "json" && format != "yaml")) {
    std::fprintf(stderr, "usage: sluice migrate PIPELINE [--format json|yaml]\n");
    return 2;
  }
  if (format.empty()) format = path.ends_with(".json") ? "json" : "yaml";
  const config::MigrationResult result = config::migrate_pipeline_file(path);
  if (result.document) {
    const std::string text = format == "json" ? config::to_json(*result.document, 2) + "\n"
                                              : config::to_yaml(*result.document);
    std::fputs(text.c_str(), stdout);
  }
  for (const auto& w : result.warnings)
    std::fprintf(stderr, "warning: %s\n", w.to_string().c_str());
  for (const auto& e : result.errors) std::fprintf(stderr, "error: %s\n", e.to_string().c_str());
  if (!result.document) return 2;
  if (!result.was_v2) std::fprintf(stderr, "%s is already a V3 file\n", path.c_str());
  return result.errors.empty() ? 0 : 2;
}

}  // namespace sluice::cli
