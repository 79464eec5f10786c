#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sluice::gen {

// One benchmark workload's event shape (see shared/bench/README.md: W1..W4). A workload turns
// (seed, index) into one JSON event and keeps the totals a checker needs to verify what landed
// in ClickHouse. Implementations must be deterministic: the same seed and index always give the
// same bytes. Not thread-safe.
class Workload {
 public:
  virtual ~Workload() = default;
  virtual std::string_view name() const = 0;
  // Appends event `index` (no trailing newline) to `out`. `tally` is false for events the
  // caller will corrupt into malformed JSON; they must not count in the summary.
  virtual void append_event(uint64_t index, bool tally, std::string& out) = 0;
  // Appends the workload's own summary members, each as `,"name":value`.
  virtual void append_summary_fields(std::string& out) const = 0;
};

// Returns nullptr for an unknown name. Known: see known_workloads(). `users` is W3's number of
// users (the right side); W3 orders reference user indexes below users * 1.05.
std::unique_ptr<Workload> make_workload(std::string_view name, uint64_t seed,
                                        uint64_t users = 200'000);
// Names accepted by make_workload, for messages.
std::string_view known_workloads();

}  // namespace sluice::gen
