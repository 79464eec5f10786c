#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace sluice::testing {

// Runs tools/sluice-gen with `args` (stdout and stderr into `dir`) and returns its stdout: the
// one-line JSON summary, unless `--out -` sends the events there. A failed run is a test
// failure (with the tail of its stderr) and returns what it printed.
std::string run_gen(const TempDir& dir, const std::vector<std::string>& args,
                    std::chrono::seconds timeout = std::chrono::seconds(120));

// Members of a flat JSON object such as sluice-gen's summary, without a JSON parser:
// `"key":123` -> 123 (-1 if absent) and `"key":"text"` -> text ("" if absent).
int64_t json_int(const std::string& json, const std::string& key);
std::string json_string(const std::string& json, const std::string& key);

}  // namespace sluice::testing
