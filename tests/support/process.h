#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace sluice::testing {

// How a child process ended.
struct ExitStatus {
  bool exited = false;  // true: returned/exit()ed with `code`; false: killed by `signal`
  int code = 0;
  int signal = 0;

  bool success() const { return exited && code == 0; }
  bool killed_by(int sig) const { return !exited && signal == sig; }
  std::string to_string() const;  // "exit 0", "signal 9 (Killed)"
};

struct ProcessOptions {
  // argv[0] is the program: a path, or a name looked up in PATH.
  std::vector<std::string> argv;
  // "KEY=VALUE" entries added to (or replacing in) the inherited environment.
  std::vector<std::string> env;
  bool inherit_env = true;
  // Empty: inherit the test's stream. stdin defaults to /dev/null so children never read the
  // terminal.
  std::string stdin_path = "/dev/null";
  std::string stdout_path;
  std::string stderr_path;
  bool append_output = false;  // append to stdout/stderr files instead of truncating
  std::string cwd;
  // SIGKILL the child if the spawning *thread* dies (PR_SET_PDEATHSIG), so a crashed test
  // leaves no servers behind. Spawn from a long-lived thread (the test's main thread).
  bool kill_with_parent = true;
};

// A spawned child process. The destructor SIGKILLs and reaps a child that is still running,
// so a failing test cannot leak processes. Not thread-safe.
class Process {
 public:
  // Fails (without leaving a child) if the program cannot be executed or a file cannot be opened.
  static Result<std::unique_ptr<Process>> spawn(const ProcessOptions& options);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // Sends `sig`; an error if the child has already been reaped.
  Status signal(int sig);
  // Non-blocking: the exit status if the child has ended (it is reaped then), else nullopt.
  std::optional<ExitStatus> poll();
  bool running() { return !poll().has_value(); }
  // Waits up to `timeout` for the child to end; ErrorCode::Timeout if it is still running.
  Result<ExitStatus> wait(std::chrono::milliseconds timeout);
  // SIGTERM, wait up to `grace`, then SIGKILL and wait. Returns how it ended.
  ExitStatus terminate(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // SIGKILL and reap.
  ExitStatus kill_hard();
  // Resource usage of the ended child (user/sys CPU, max RSS), from wait4(); nullopt while running.
  const std::optional<rusage>& usage() const { return usage_; }
  const std::optional<ExitStatus>& exit_status() const { return status_; }

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  std::optional<ExitStatus> status_;
  std::optional<rusage> usage_;
};

}  // namespace sluice::testing
