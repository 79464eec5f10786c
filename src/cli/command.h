#pragma once

#include <string>
#include <vector>

namespace sluice::cli {

// One `sluice` subcommand. Exit codes: 0 success, 1 runtime failure, 2 usage or invalid input.
struct Command {
  const char* name;
  const char* usage;    // one line for `sluice help`, e.g. "run PIPELINE [options]"
  const char* summary;  // what it does, one line
  int (*run)(const std::vector<std::string>& args);
};

// Every command, in the order `sluice help` lists them (commands.cpp).
const std::vector<Command>& commands();

// Each command lives in its own cmd_<name>.cpp.
int run_command(const std::vector<std::string>& args);
int validate_command(const std::vector<std::string>& args);
int ddl_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int migrate_command(const std::vector<std::string>& args);
int dlq_command(const std::vector<std::string>& args);

}  // namespace sluice::cli
