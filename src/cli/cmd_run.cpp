#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "cli/cli_args.h"
#include "cli/command.h"
#include "cli/diagnostics_output.h"
#include "config/runtime_support.h"
#include "pipeline/pipeline_runner.h"

namespace sluice::cli {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  if (g_stop.exchange(true)) _exit(130);  // a second signal: stop without draining
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
  }
  auto parsed = parse_run_args(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "sluice: %s\n", parsed.error().message().c_str());
    return 2;
  }
  auto loaded = config::load_pipeline_file(parsed->pipeline_path);
  if (print_diagnostics(loaded) != 0) {
    std::fprintf(stderr, "sluice: %s is not valid; nothing was started\n",
                 parsed->pipeline_path.c_str());
    return 2;
  }
  auto unsupported = config::unsupported_at_runtime(*loaded.pipeline);
  if (!unsupported.empty()) {
    for (const auto& d : unsupported) std::fprintf(stderr, "error: %s\n", d.to_string().c_str());
    std::fprintf(stderr, "sluice: %s cannot run in this version; nothing was started\n",
                 parsed->pipeline_path.c_str());
    return 2;
  }
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  pipeline::RunOptions options = parsed->options;
  options.stop = &g_stop;
  pipeline::PipelineRunner runner(std::move(*loaded.pipeline), std::move(options));
  Status status = runner.run();
  if (!status.ok()) {
    std::fprintf(stderr, "sluice: pipeline stopped: %s\n", status.error().message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace sluice::cli
