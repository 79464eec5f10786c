#pragma once

#include <cstdint>
#include <map>

namespace sluice::kafka {

// Knows whether one topic (a join's right topic) has been read up to where it ended when its
// partitions were assigned, so that the consumer can hold its other topics back until then: a
// lookup table is loaded before the records that look things up in it (as Kafka Streams
// bootstraps a GlobalKTable). A partition is read when a consumed offset reaches the end it had
// at assignment, or when the consumer reports that it reached the partition's end (which covers
// empty partitions, partitions already read before a restart and an end of transaction markers).
// Pure bookkeeping, no IO; one thread.
class ReadFirstGate {
 public:
  // A partition of the topic with something to read was assigned; it ended at `end` (its high
  // watermark then; < 0: unknown, then only the reported end counts).
  void expect(int32_t partition, int64_t end) { pending_[partition] = end; }
  // A message of the topic was consumed.
  void on_message(int32_t partition, int64_t offset);
  // The consumer reached the partition's end.
  void on_end(int32_t partition) { pending_.erase(partition); }
  // The partition was revoked: nothing to wait for.
  void forget(int32_t partition) { pending_.erase(partition); }

  // Some assigned partition of the topic is not read yet.
  bool reading() const { return !pending_.empty(); }

 private:
  std::map<int32_t, int64_t> pending_;  // partition -> end at assignment
};

}  // namespace sluice::kafka
