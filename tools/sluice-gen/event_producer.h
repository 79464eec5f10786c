#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace sluice::gen {

// Produces generated events to one topic with explicit partitions and counts deliveries.
// Owns the rd_kafka_t and topic handles. Not thread-safe; produce() and flush() serve delivery
// reports on the calling thread.
class EventProducer {
 public:
  // `overrides` are extra librdkafka properties ("key", "value") applied after the defaults.
  static Result<std::unique_ptr<EventProducer>> create(
      const std::string& brokers, const std::string& topic,
      const std::vector<std::pair<std::string, std::string>>& overrides);
  ~EventProducer();
  EventProducer(const EventProducer&) = delete;
  EventProducer& operator=(const EventProducer&) = delete;

  // Partition count of the topic from the cluster's metadata.
  Result<int> partition_count(std::chrono::milliseconds timeout);
  // Queues a copy of `value`; waits (serving delivery reports) while the local queue is full.
  Status produce(int32_t partition, std::string_view value);
  // Waits until every queued message is delivered or failed. Error if any failed or on timeout.
  Status flush(std::chrono::milliseconds timeout);

  uint64_t delivered() const { return delivered_; }
  uint64_t failed() const { return failed_; }

 private:
  EventProducer() = default;
  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_topic_t* topic_ = nullptr;
  std::string topic_name_;
  uint64_t delivered_ = 0;
  uint64_t failed_ = 0;
  std::string first_error_;
};

}  // namespace sluice::gen
