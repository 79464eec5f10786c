// The `sluice` command. Exit codes: 0 success (or drained after SIGINT/SIGTERM),
// 1 the pipeline failed while running, 2 bad usage or an invalid pipeline file.
#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#include "cli/cli_args.h"
#include "cli/table_ddl.h"
#include "config/config.h"
#include "pipeline/pipeline_runner.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) {
  if (g_stop.exchange(true)) _exit(130);  // a second signal: stop without draining
}

int print_diagnostics(const sluice::config::LoadResult& loaded) {
  for (const auto& w : loaded.warnings) std::fprintf(stderr, "warning: %s\n", w.to_string().c_str());
  for (const auto& e : loaded.errors) std::fprintf(stderr, "error: %s\n", e.to_string().c_str());
  return loaded.errors.empty() ? 0 : 2;
}

int cmd_validate(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: sluice validate PIPELINE\n");
    return 2;
  }
  auto loaded = sluice::config::load_pipeline_file(args[0]);
  int rc = print_diagnostics(loaded);
  if (rc == 0) std::printf("%s: valid\n", args[0].c_str());
  else std::fprintf(stderr, "%s: %zu problem(s)\n", args[0].c_str(), loaded.errors.size());
  return rc;
}

int cmd_ddl(const std::vector<std::string>& args) {
  std::string path, engine = "MergeTree ORDER BY tuple()";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--engine" && i + 1 < args.size()) {
      engine = args[++i];
    } else if (path.empty() && !args[i].empty() && args[i][0] != '-') {
      path = args[i];
    } else {
      std::fprintf(stderr, "usage: sluice ddl PIPELINE [--engine \"MergeTree ORDER BY ...\"]\n");
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: sluice ddl PIPELINE [--engine \"MergeTree ORDER BY ...\"]\n");
    return 2;
  }
  auto loaded = sluice::config::load_pipeline_file(path);
  if (print_diagnostics(loaded) != 0) return 2;
  std::fputs(sluice::cli::table_ddl(*loaded.pipeline, engine).c_str(), stdout);
  return 0;
}

int cmd_run(const std::vector<std::string>& args) {
  auto parsed = sluice::cli::parse_run_args(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "sluice: %s\n", parsed.error().message().c_str());
    return 2;
  }
  auto loaded = sluice::config::load_pipeline_file(parsed->pipeline_path);
  if (print_diagnostics(loaded) != 0) {
    std::fprintf(stderr, "sluice: %s is not valid; nothing was started\n",
                 parsed->pipeline_path.c_str());
    return 2;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  sluice::pipeline::RunOptions options = parsed->options;
  options.stop = &g_stop;
  sluice::pipeline::PipelineRunner runner(std::move(*loaded.pipeline), std::move(options));
  sluice::Status status = runner.run();
  if (!status.ok()) {
    std::fprintf(stderr, "sluice: pipeline stopped: %s\n", status.error().message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::fputs(sluice::cli::kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "run") return cmd_run(args);
  if (command == "validate") return cmd_validate(args);
  if (command == "ddl") return cmd_ddl(args);
  if (command == "version" || command == "--version") {
    std::printf("sluice 0.1.0\n");
    return 0;
  }
  std::fprintf(stderr, "sluice: unknown command \"%s\"\n\n%s", command.c_str(), sluice::cli::kUsage);
  return 2;
}
