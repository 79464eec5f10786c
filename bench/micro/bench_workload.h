#pragma once

// Input of the micro benchmarks: events of a sluice-gen workload (seed 1), generated into a
// temporary file, and the example pipeline that runs them. Needs SLUICE_BENCH_BINARY_DIR and
// SLUICE_BENCH_SOURCE_DIR (bench/CMakeLists.txt defines them).
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.h"

namespace sluice::bench {

struct Workload {
  config::Pipeline pipeline;
  std::vector<std::string> events;
  size_t bytes = 0;
};

// `workload`: sluice-gen's --workload; `example`: the file under examples/; `options`: more
// sluice-gen options (e.g. "--users 200000"). Aborts on failure.
inline Workload load_workload(const std::string& workload, const std::string& example, size_t count,
                              const std::string& options = "") {
  Workload out;
  const std::string path = "/tmp/sluice-bench-" + workload + ".jsonl";
  const std::string cmd = std::string(SLUICE_BENCH_BINARY_DIR) + "/tools/sluice-gen --workload " +
                          workload + " --count " + std::to_string(count) + " --seed 1 " + options +
                          " --out " + path + " > /dev/null";
  if (std::system(cmd.c_str()) != 0) std::abort();
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    out.bytes += line.size();
    out.events.push_back(std::move(line));
  }
  auto loaded =
      config::load_pipeline_file(std::string(SLUICE_BENCH_SOURCE_DIR) + "/examples/" + example);
  if (!loaded.pipeline) std::abort();
  out.pipeline = *loaded.pipeline;
  return out;
}

}  // namespace sluice::bench
