#pragma once

#include <cstdint>
#include <string>

#include "workload.h"

namespace sluice::gen {

// W1, telemetry ingest: events shaped like shared/bench/telemetry_event.json — the same 38
// fields in the same order (dotted keys such as "container.image.name" and "@version" included),
// about 1.6 KB on average. Varies: timestamp (one UTC day, µs), producer_time, ids, UUIDs,
// levels, loggers, message text and length (some with JSON escapes), 1-6 tags, ports, IPs.
// request_id is unique per index by construction, so distinct_request_ids equals the number of
// valid events.
class W1Telemetry final : public Workload {
 public:
  explicit W1Telemetry(uint64_t seed);
  std::string_view name() const override { return "w1"; }
  void append_event(uint64_t index, bool tally, std::string& out) override;
  void append_summary_fields(std::string& out) const override;

 private:
  uint64_t seed_;
  uint64_t request_key_;
  uint64_t valid_ = 0;
  int64_t sum_port_ = 0;
  int64_t sum_version_ = 0;
  int64_t sum_timestamp_s_ = 0;
};

}  // namespace sluice::gen
