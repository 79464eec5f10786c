#pragma once

#include <mutex>
#include <vector>

#include "core/batch.h"

namespace sluice::pipeline {

// Settled batches go back to the source thread instead of being freed: their arenas and
// vectors keep their capacity, so a steady pipeline stops allocating (and page-faulting in)
// fresh memory for every batch. Thread-safe.
class BatchPool {
 public:
  // `keep`: at most this many idle batches are kept; `num_fields`/`topic`: how fresh
  // batches are shaped.
  BatchPool(size_t keep, size_t num_fields, std::string topic)
      : keep_(keep), num_fields_(num_fields), topic_(std::move(topic)) {}

  // An empty batch, recycled when one is available.
  Batch take();
  // Returns a batch (any state) for reuse.
  void give(Batch batch);

  size_t idle() const;
  uint64_t reused() const;

 private:
  const size_t keep_;
  const size_t num_fields_;
  const std::string topic_;
  mutable std::mutex mutex_;
  std::vector<Batch> idle_;
  uint64_t reused_ = 0;
};

}  // namespace sluice::pipeline
