#include <cstdio>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "cli/table_ddl.h"

namespace sluice::cli {

int ddl_command(const std::vector<std::string>& args) {
  const char* usage = "usage: sluice ddl PIPELINE [--engine \"MergeTree ORDER BY ...\"]\n";
  std::string path, engine = "MergeTree ORDER BY tuple()";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--engine" && i + 1 < args.size()) {
      engine = args[++i];
    } else if (path.empty() && !args[i].empty() && args[i][0] != '-') {
      path = args[i];
    } else {
      std::fputs(usage, stderr);
      return 2;
    }
  }
  if (path.empty()) {
    std::fputs(usage, stderr);
    return 2;
  }
  auto loaded = config::load_pipeline_file(path);
  if (print_diagnostics(loaded) != 0) return 2;
  std::fputs(table_ddl(*loaded.pipeline, engine).c_str(), stdout);
  return 0;
}

}  // namespace sluice::cli
