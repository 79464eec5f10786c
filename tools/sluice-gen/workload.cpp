#include "workload.h"

#include "user_events.h"
#include "w1_telemetry.h"

namespace sluice::gen {

std::unique_ptr<Workload> make_workload(std::string_view name, uint64_t seed, uint64_t users) {
  if (name == "w1") return std::make_unique<W1Telemetry>(seed);
  if (name == "w2") return std::make_unique<W2Dedup>(seed);
  if (name == "w3-orders") return std::make_unique<W3Orders>(seed, users);
  if (name == "w3-users") return std::make_unique<W3Users>(seed);
  if (name == "w4") return std::make_unique<W4Filter>(seed);
  return nullptr;
}

std::string_view known_workloads() {
  return "w1, w2, w3-orders, w3-users, w4";
}

}  // namespace sluice::gen
