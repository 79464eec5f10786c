#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace sluice::testing {

struct KafkaMessage {
  std::string key;  // empty: no key
  std::string value;
  int32_t partition = -1;  // -1: librdkafka's partitioner (by key)
};

// Produces test data to the dev Kafka. Owns its rd_kafka_t. Idempotent producer, so retries
// after injected faults do not duplicate messages. Not thread-safe.
class KafkaProducer {
 public:
  // `config` entries override the defaults (e.g. {"message.timeout.ms", "5000"}).
  static Result<std::unique_ptr<KafkaProducer>> create(
      const std::string& bootstrap,
      const std::vector<std::pair<std::string, std::string>>& config = {});
  ~KafkaProducer();
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // Queues all messages, then flushes; an error if any delivery failed or `timeout` ran out.
  Status produce(const std::string& topic, const std::vector<KafkaMessage>& messages,
                 std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  KafkaProducer() = default;
  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* msg, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  uint64_t failed_ = 0;
  std::string first_error_;
};

// One-shot: create a producer, produce, flush.
Status produce_messages(const std::string& bootstrap, const std::string& topic,
                        const std::vector<KafkaMessage>& messages);

}  // namespace sluice::testing
