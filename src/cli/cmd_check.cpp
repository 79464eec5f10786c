#include <cstdio>

#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "kafka/startup_checks.h"

namespace sluice::cli {

// `sluice check PIPELINE`: validates the file, then runs only the start-up checks against the
// live Kafka and ClickHouse (nothing is consumed or written).
int check_command(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].starts_with("-")) {
    std::fprintf(stderr, "usage: sluice check PIPELINE\n");
    return 2;
  }
  auto loaded = config::load_pipeline_file(args[0]);
  if (print_diagnostics(loaded) != 0) {
    std::fprintf(stderr, "%s: %zu problem(s); fix them before checking the servers\n",
                 args[0].c_str(), loaded.errors.size());
    return 2;
  }
  const std::vector<std::string> problems = kafka::run_startup_checks(*loaded.pipeline, {});
  for (const std::string& problem : problems) std::fprintf(stderr, "error: %s\n", problem.c_str());
  if (!problems.empty()) {
    std::fprintf(stderr, "%s: %zu start-up check(s) failed\n", args[0].c_str(), problems.size());
    return 1;
  }
  std::printf("%s: Kafka and ClickHouse are ready\n", args[0].c_str());
  return 0;
}

}  // namespace sluice::cli
