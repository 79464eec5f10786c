#include "cli/command.h"

namespace sluice::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"run", "run PIPELINE [options]", "run a pipeline until SIGINT/SIGTERM, then drain and exit 0",
       run_command},
      {"validate", "validate PIPELINE", "check a pipeline file and print every problem found",
       validate_command},
      {"ddl", "ddl PIPELINE [--engine E]", "print a CREATE TABLE for the sink table from the mapping",
       ddl_command},
  };
  return all;
}

}  // namespace sluice::cli
