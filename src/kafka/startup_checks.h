#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.h"
#include "config/pipeline.h"
#include "kafka/kafka_properties.h"

namespace sluice::kafka {

struct StartupCheckOptions {
  Properties kafka_overrides;                      // `--kafka-property`
  std::chrono::milliseconds kafka_timeout{10000};  // per source
  std::chrono::milliseconds clickhouse_timeout{5000};
};

// Every start-up check, before anything is consumed: each Kafka source (brokers reachable,
// topic exists), then ClickHouse (reachable, table exists, mapped columns exist with
// compatible types). One line per problem; empty when all passed. Bounded by the timeouts.
std::vector<std::string> run_startup_checks(const config::Pipeline& pipeline,
                                            const StartupCheckOptions& options);

// The same as one Status for `PipelineRunner::open()`: ConfigInvalid with the lines joined.
Status check_before_start(const config::Pipeline& pipeline, const Properties& kafka_overrides);

}  // namespace sluice::kafka
