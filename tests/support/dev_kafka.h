#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace sluice::testing {

// Path of a tool built from tools/<name>/ in this build tree (e.g. "sluice-gen").
std::string tool_path(const std::string& name);

// The dev Kafka (tools/sluice-dev-kafka: librdkafka's mock cluster) as a child process, with
// its own temp dir for the bootstrap file, control FIFO and logs. Remember the mock keeps only
// 5 MiB per partition (see `sluice-dev-kafka --help`); consumers in tests should use
// session.timeout.ms=6000. Not thread-safe.
class DevKafka {
 public:
  // `topics` are "name:partitions". Waits (up to 15 s) for the bootstrap file.
  static Result<std::unique_ptr<DevKafka>> start(std::vector<std::string> topics, int brokers = 1);
  ~DevKafka();  // SIGTERM and wait (SIGKILL after 10 s)
  DevKafka(const DevKafka&) = delete;
  DevKafka& operator=(const DevKafka&) = delete;

  const std::string& bootstrap() const { return bootstrap_; }
  pid_t pid() const { return process_->pid(); }
  const std::string& dir() const { return dir_.path(); }

  // Sends one fault-injection command (e.g. "down 1", "err Produce 6 3") through the control
  // FIFO and waits up to 10 s for the tool's answer. An "error ..." answer becomes an Error.
  Status command(const std::string& line);
  // The tool's stderr so far (answers and librdkafka logs), for failure messages.
  std::string log() const;

 private:
  explicit DevKafka(TempDir dir) : dir_(std::move(dir)) {}

  TempDir dir_;
  std::unique_ptr<Process> process_;
  std::string bootstrap_;
};

}  // namespace sluice::testing
