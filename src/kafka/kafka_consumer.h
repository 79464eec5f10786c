#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "core/record_origin.h"
#include "kafka/kafka_message.h"
#include "kafka/kafka_properties.h"
#include "kafka/read_first_gate.h"
#include "kafka/start_position.h"

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
//
// `read_first` (a join's right topic, or empty): whenever partitions are assigned, the other
// topics' partitions stay paused until every assigned partition of `read_first` has been read up
// to its high watermark of that moment (ReadFirstGate), so a lookup table is loaded before the
// records that look things up in it. It turns on enable.partition.eof (an empty or already read
// partition is known to be read when the consumer reports its end).
class KafkaConsumer {
 public:
  static Result<std::unique_ptr<KafkaConsumer>> create(const Properties& properties,
                                                       const std::vector<std::string>& topics,
                                                       RebalanceListener* listener,
                                                       const std::string& read_first = {});
  ~KafkaConsumer();
  KafkaConsumer(const KafkaConsumer&) = delete;
  KafkaConsumer& operator=(const KafkaConsumer&) = delete;

  // Appends up to `max` messages, waiting at most `timeout` for the first. Transient errors
  // (broker down, transport) are left to librdkafka's retries; fatal ones are returned.
  Status poll(std::chrono::milliseconds timeout, size_t max, std::vector<KafkaMessage>& out);

  // Synchronously commits the given positions.
  Status commit(const std::vector<OffsetToCommit>& offsets);

  ConsumerLag lag();

  // Stops fetching from every assigned partition (and from partitions assigned later, until
  // resume()) while poll() keeps serving the group, so the member stays in it while the sink
  // cannot keep up. Messages fetched but not yet returned are dropped by librdkafka and
  // fetched again after resume(), from the position poll() reached. Source thread only.
  Status pause();
  // Resumes, then seeks every partition in `next` to its offset: librdkafka 2.0.2 drops the
  // messages it had fetched for a paused partition and does not always fetch again after a
  // resume, so the source says where it really is (last consumed offset + 1). Partitions
  // not in `next` continue from their committed offset. Partitions held back for `read_first`
  // stay paused until it is read.
  Status resume(const std::vector<OffsetToCommit>& next);
  bool paused() const { return paused_; }

  // Where partitions start when first assigned (replays); call before the first poll().
  // Source thread only.
  void start_from(const StartPosition& position) { start_ = position; }
  // (topic, partition) -> next offset, as of the pipeline's last state checkpoint.
  using PartitionOffsets = std::map<std::pair<std::string, int32_t>, int64_t>;
  // Where a state checkpoint was taken (dedup/join state, state/state_store.h). When a partition
  // is first assigned without a replay start, it starts at the later of its checkpoint and its
  // committed offset: a crash between the checkpoint and the commit must not feed the state
  // the same records twice. Before the first poll(); source thread only.
  void start_at_checkpoint(PartitionOffsets offsets) { checkpoint_ = std::move(offsets); }

  // Leaves the group (revoking through the listener) and releases the handle.
  void close();

 private:
  // Sets the start offsets of partitions assigned for the first time (start_from()).
  void apply_start_position(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* partitions);
  // Committed start: the later of checkpoint and committed offset, for `fresh` partitions.
  void apply_checkpoint(rd_kafka_t* rk, rd_kafka_topic_partition_list_t* partitions,
                        const std::vector<int>& fresh);
  // On assignment: the `read_first` partitions to read, and the others paused until they are.
  void hold_until_read(rd_kafka_t* rk, const rd_kafka_topic_partition_list_t* partitions);
  void forget_revoked(const rd_kafka_topic_partition_list_t* partitions);
  bool of_read_first(const rd_kafka_message_t* m) const;
  // `read_first` is read: resumes the held partitions (unless paused for back-pressure).
  void release_held();
  KafkaConsumer() = default;
  static void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque);
  static void error_cb(rd_kafka_t* rk, int err, const char* reason, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* queue_ = nullptr;
  RebalanceListener* listener_ = nullptr;
  bool closed_ = false;
  StartPosition start_;
  PartitionOffsets checkpoint_;
  std::set<std::pair<std::string, int32_t>> started_;  // partitions start_ was applied to
  bool paused_ = false;
  std::string read_first_;
  ReadFirstGate gate_;
  std::set<std::pair<std::string, int32_t>> held_;  // paused until `read_first_` is read
  // poll()'s receiving array, kept between polls: zeroing a fresh one of `max` pointers per
  // poll cost more than the messages a short poll returns.
  std::vector<rd_kafka_message_t*> received_;
};

}  // namespace sluice::kafka
