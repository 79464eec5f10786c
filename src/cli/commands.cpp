#include "cli/command.h"

namespace sluice::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"run", "run PIPELINE [options]",
       "run a pipeline until SIGINT/SIGTERM, then drain and exit 0", run_command},
      {"validate", "validate PIPELINE", "check a pipeline file and print every problem found",
       validate_command},
      {"check", "check PIPELINE", "check that Kafka and ClickHouse are ready for a pipeline",
       check_command},
      {"migrate", "migrate PIPELINE [--format F]",
       "print the V3 equivalent of a V2 pipeline file (json or yaml)", migrate_command},
      {"ddl", "ddl PIPELINE [--engine E]",
       "print a CREATE TABLE for the sink table from the mapping", ddl_command},
      {"dlq", "dlq list|show|replay|purge PIPELINE", "inspect, replay or purge dead letters",
       dlq_command},
  };
  return all;
}

}  // namespace sluice::cli
