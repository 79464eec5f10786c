#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "core/batch.h"

namespace sluice::pipeline {

// Settled batches go back to the source thread instead of being freed: their arenas and
// vectors keep their capacity, so a steady pipeline stops allocating (and page-faulting in)
// fresh memory for every batch. Thread-safe.
class BatchPool {
 public:
  // How fresh batches are shaped: the main source's fields and topic, and for a join the right
  // source's (a `side` batch with `side_fields` columns, topic index 1).
  struct Shape {
    size_t num_fields = 0;
    std::string topic;
    size_t side_fields = 0;  // 0: no side batch
    std::string side_topic;
  };
  // `keep`: at most this many idle batches are kept.
  BatchPool(size_t keep, Shape shape) : keep_(keep), shape_(std::move(shape)) {}
  BatchPool(size_t keep, size_t num_fields, std::string topic)
      : BatchPool(keep, Shape{num_fields, std::move(topic), 0, {}}) {}

  // An empty batch, recycled when one is available.
  Batch take();
  // Returns a batch (any state) for reuse.
  void give(Batch batch);

  size_t idle() const;
  uint64_t reused() const;

 private:
  const size_t keep_;
  // Names the batch's topics (reset() clears them).
  void name_topics(Batch& batch) const;

  const Shape shape_;
  mutable std::mutex mutex_;
  std::vector<Batch> idle_;
  uint64_t reused_ = 0;
};

}  // namespace sluice::pipeline
