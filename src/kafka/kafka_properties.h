#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"

namespace sluice::kafka {

using Properties = std::vector<std::pair<std::string, std::string>>;

// librdkafka consumer properties for a source: brokers, security, group and offset policy.
// Delivery rests on these: auto-commit and auto offset store are always off.
// `overrides` (from `sluice run --kafka-property`) are applied last.
Result<Properties> consumer_properties(const config::Pipeline& pipeline,
                                       const config::KafkaSource& source,
                                       const Properties& overrides);

}  // namespace sluice::kafka
