#include <cstdio>

#include "cli/command.h"
#include "cli/diagnostics_output.h"

namespace sluice::cli {

int validate_command(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: sluice validate PIPELINE\n");
    return 2;
  }
  auto loaded = config::load_pipeline_file(args[0]);
  int rc = print_diagnostics(loaded);
  if (rc == 0)
    std::printf("%s: valid\n", args[0].c_str());
  else
    std::fprintf(stderr, "%s: %zu problem(s)\n", args[0].c_str(), loaded.errors.size());
  return rc;
}

}  // namespace sluice::cli
