#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "core/batch.h"
#include "kafka/kafka_message.h"

namespace sluice::pipeline {

// The Kafka messages whose payloads a batch's rows point into (RecordDecoder decodes them
// with PayloadLifetime::Retained, so nothing is copied). Released when the batch is reset,
// usually on the sink thread once the batch is settled: librdkafka's messages may be
// destroyed from any thread. They must all be released before the consumer is destroyed.
class RetainedMessages final : public PayloadKeeper {
 public:
  void keep(kafka::KafkaMessage&& message) { messages_.push_back(std::move(message)); }
  void release() override { messages_.clear(); }  // keeps the vector's capacity
  size_t size() const { return messages_.size(); }

  // The keeper of `batch`, created on first use.
  static RetainedMessages& of(Batch& batch) {
    if (!batch.keeper) batch.keeper = std::make_unique<RetainedMessages>();
    return static_cast<RetainedMessages&>(*batch.keeper);
  }

 private:
  std::vector<kafka::KafkaMessage> messages_;
};

}  // namespace sluice::pipeline
