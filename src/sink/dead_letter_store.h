#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "core/batch.h"

namespace sluice::sink {

// Where records that cannot reach ClickHouse go. write() returns only once the records are
// durable: the pipeline commits their Kafka offsets right after. Used by one thread.
class DeadLetterStore {
 public:
  virtual ~DeadLetterStore() = default;
  virtual Status write(const std::vector<RejectedRecord>& records,
                       const std::vector<std::string>& topics) = 0;
};

}  // namespace sluice::sink
