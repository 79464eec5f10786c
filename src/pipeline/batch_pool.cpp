#include "pipeline/batch_pool.h"

namespace sluice::pipeline {

Batch BatchPool::take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Batch batch = std::move(idle_.back());
      idle_.pop_back();
      ++reused_;
      name_topics(batch);
      return batch;
    }
  }
  Batch batch(shape_.num_fields);
  if (shape_.side_fields > 0) batch.side = std::make_unique<Batch>(shape_.side_fields);
  name_topics(batch);
  return batch;
}

void BatchPool::name_topics(Batch& batch) const {
  if (!batch.topics.empty()) return;
  batch.topics.push_back(shape_.topic);
  if (shape_.side_fields > 0) batch.topics.push_back(shape_.side_topic);
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
