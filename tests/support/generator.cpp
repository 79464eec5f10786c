#include "support/generator.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/dev_kafka.h"
#include "support/process.h"

namespace sluice::testing {

std::string run_gen(const TempDir& dir, const std::vector<std::string>& args,
                    std::chrono::seconds timeout) {
  ProcessOptions options;
  options.argv = {tool_path("sluice-gen")};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.stdout_path = dir.file("gen.stdout");
  options.stderr_path = dir.file("gen.stderr");
  auto process = Process::spawn(options);
  if (!process.ok()) {
    ADD_FAILURE() << process.error().to_string();
    return "";
  }
  auto status = (*process)->wait(timeout);
  EXPECT_TRUE(status.ok() && status->success())
      << (status.ok() ? status->to_string() : status.error().to_string()) << ": "
      << tail_of_file(dir.file("gen.stderr"));
  auto out = read_file(dir.file("gen.stdout"));
  return out.ok() ? out.value() : "";
}

int64_t json_int(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  size_t pos = json.find(needle);
  if (pos == std::string::npos) return -1;
  return std::strtoll(json.c_str() + pos + needle.size(), nullptr, 10);
}

std::string json_string(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  size_t pos = json.find(needle);
  if (pos == std::string::npos) return "";
  pos += needle.size();
  return json.substr(pos, json.find('"', pos) - pos);
}

}  // namespace sluice::testing
