#pragma once

#include <cstdint>
#include <string>

namespace sluice {

// Strong types for Kafka coordinates, so offsets and partitions cannot be swapped.
struct Partition {
  int32_t value = 0;
  friend bool operator==(Partition, Partition) = default;
  friend auto operator<=>(Partition, Partition) = default;
};
struct Offset {
  int64_t value = 0;
  friend bool operator==(Offset, Offset) = default;
  friend auto operator<=>(Offset, Offset) = default;
};

// Where a record came from. `topic` indexes Batch::topics.
struct RecordOrigin {
  uint32_t topic = 0;
  Partition partition;
  Offset offset;
  int64_t timestamp_ms = -1;  // Kafka message timestamp, -1 if none
};

}  // namespace sluice
