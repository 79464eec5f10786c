#include "pipeline/batch_pool.h"

namespace sluice::pipeline {

Batch BatchPool::take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Batch batch = std::move(idle_.back());
      idle_.pop_back();
      ++reused_;
      if (batch.topics.empty()) batch.topics.push_back(topic_);  // reset() clears them
      return batch;
    }
  }
  Batch batch(num_fields_);
  batch.topics.push_back(topic_);
  return batch;
}

void BatchPool::give(Batch batch) {
  batch.reset();  // keeps the capacity of its arenas and vectors
  std::lock_guard lock(mutex_);
  if (idle_.size() < keep_) idle_.push_back(std::move(batch));
}

size_t BatchPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

uint64_t BatchPool::reused() const {
  std::lock_guard lock(mutex_);
  return reused_;
}

}  // namespace sluice::pipeline
