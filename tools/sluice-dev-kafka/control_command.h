#pragma once

#include <string>
#include <string_view>

#include "mock_cluster.h"

namespace sluice::devkafka {

// Runs one fault-injection command line against the cluster and returns the one-line answer
// the tool prints on stderr: "ok <command>" on success, "error <command>: <why>" otherwise.
// Harnesses rely on exactly one such line per command. Blank lines and lines starting with
// '#' return an empty string (no answer).
std::string execute_command(MockCluster& cluster, std::string_view line);

// The command reference printed by --help and by the `help` command.
std::string_view command_help();

// Parses "name:partitions[:replication]" as given on the command line.
struct TopicSpec {
  std::string name;
  int partitions = 1;
  int replication = 1;
};
bool parse_topic_spec(std::string_view text, TopicSpec& out, std::string& error);

}  // namespace sluice::devkafka
