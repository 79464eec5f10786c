#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/pipeline.h"
#include "kafka/kafka_properties.h"

namespace sluice::kafka {

// Start-up check of one Kafka source: the brokers answer (with the configured security) and
// the topic exists, within `timeout`. Returns one line saying what is wrong and how to fix it
// (naming the broker list and the topic), or an empty string when the source is usable.
// Stops early on errors waiting cannot fix (TLS handshake, SASL authentication).
std::string check_kafka_source(const config::Pipeline& pipeline, const config::KafkaSource& source,
                               const Properties& overrides, std::chrono::milliseconds timeout);

}  // namespace sluice::kafka
