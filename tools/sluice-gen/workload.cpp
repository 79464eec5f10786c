#include "workload.h"

#include "w1_telemetry.h"

namespace sluice::gen {

std::unique_ptr<Workload> make_workload(std::string_view name, uint64_t seed) {
  if (name == "w1") return std::make_unique<W1Telemetry>(seed);
  return nullptr;
}

std::string_view known_workloads() {
  return "w1";
}

}  // namespace sluice::gen
