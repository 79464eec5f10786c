#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/record_origin.h"
#include "kafka/kafka_message.h"
#include "kafka/kafka_properties.h"

namespace sluice::kafka {

struct TopicPartition {
  std::string topic;
  Partition partition;
};

struct OffsetToCommit {
  std::string topic;
  Partition partition;
  Offset next;  // the offset of the next message to consume
};

// Called from inside KafkaConsumer::poll() when the group rebalances.
class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  // Partitions are about to be taken away. Everything consumed from them must be settled
  // (written and committed) or abandoned before this returns: after it, another member
  // may consume them.
  virtual void on_partitions_revoked(const std::vector<TopicPartition>& partitions) = 0;
  virtual void on_partitions_assigned(const std::vector<TopicPartition>& partitions) = 0;
};

struct ConsumerLag {
  int64_t messages = 0;  // sum over assigned partitions of (high watermark - position)
  int partitions = 0;    // assigned partitions
  bool known = false;    // false until watermarks and positions are known
};

// A group consumer with manual offset commits. poll() and close() belong to one thread
// (the source thread); commit() and lag() may be called from any thread (librdkafka's
// handle is thread-safe).
class KafkaConsumer {
 public:
  static Result<std::unique_ptr<KafkaConsumer>> create(const Properties& properties,
                                                       const std::vector<std::string>& topics,
                                                       RebalanceListener* listener);
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer&) = delete;
  KafkaConsumer& operator=(const KafkaConsumer&) = delete;

  // Appends up to `max` messages, waiting at most `timeout` for the first. Transient errors
  // (broker down, transport) are left to librdkafka's retries; fatal ones are returned.
  Status poll(std::chrono::milliseconds timeout, size_t max, std::vector<KafkaMessage>& out);

  // Synchronously commits the given positions.
  Status commit(const std::vector<OffsetToCommit>& offsets);

  ConsumerLag lag();

  // Leaves the group (revoking through the listener) and releases the handle.
  void close();

 private:
  KafkaConsumer() = default;
  static void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque);
  static void error_cb(rd_kafka_t* rk, int err, const char* reason, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* queue_ = nullptr;
  RebalanceListener* listener_ = nullptr;
  bool closed_ = false;
};

}  // namespace sluice::kafka
