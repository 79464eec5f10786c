#include "pipeline/sink_worker.h"

#include <pthread.h>

#include <cstdio>

namespace sluice::pipeline {

SinkWorker::SinkWorker(sink::ClickHouseSink& sink, sink::DeadLetterStore& dead_letters,
                       kafka::KafkaConsumer& consumer, PipelineStats& stats, BatchPool& pool,
                       size_t queue_capacity)
    : sink_(sink),
      dead_letters_(dead_letters),
      consumer_(consumer),
      stats_(stats),
      pool_(pool),
      capacity_(queue_capacity),
      queue_(queue_capacity) {}

SinkWorker::~SinkWorker() {
  finish();
}

void SinkWorker::start() {
  thread_ = std::thread([this] { run(); });
  // Named for top/perf: the settling thread's CPU apart from the source thread's.
  pthread_setname_np(thread_.native_handle(), "sluice-sink");
}

bool SinkWorker::submit(Batch batch) {
  {
    std::lock_guard lock(mutex_);
    if (failure_) return false;
    ++submitted_;
  }
  if (!queue_.push(std::move(batch))) {
    std::lock_guard lock(mutex_);
    --submitted_;
    settled_cv_.notify_all();
    return false;
  }
  return true;
}

bool SinkWorker::try_submit(Batch& batch, std::chrono::milliseconds wait) {
  // Only the source thread pushes, so room seen here is still there at push().
  auto deadline = std::chrono::steady_clock::now() + wait;
  std::unique_lock lock(mutex_);
  while (queue_.size() >= capacity_ && !failure_) {
    if (settled_cv_.wait_until(lock, deadline) == std::cv_status::timeout &&
        queue_.size() >= capacity_)
      return false;
  }
  lock.unlock();
  return submit(std::move(batch));
}

void SinkWorker::wait_settled() {
  std::unique_lock lock(mutex_);
  settled_cv_.wait(lock, [&] { return settled_ >= submitted_ || failure_.has_value(); });
}

void SinkWorker::finish() {
  queue_.close();
  if (thread_.joinable()) thread_.join();
}

bool SinkWorker::failed() const {
  std::lock_guard lock(mutex_);
  return failure_.has_value();
}

std::optional<Error> SinkWorker::failure() const {
  std::lock_guard lock(mutex_);
  return failure_;
}

void SinkWorker::run() {
  while (auto batch = queue_.pop()) {
    Status status = Status::success();
    if (!failed()) status = settle(*batch);  // after a failure: drain, write nothing
    pool_.give(std::move(*batch));
    std::lock_guard lock(mutex_);
    if (!status.ok() && !failure_) failure_ = status.error();
    ++settled_;
    settled_cv_.notify_all();
  }
}

Status SinkWorker::settle(Batch& batch) {
  if (stages_ != nullptr) {
    const uint64_t duplicates = stages_->duplicates();
    const uint64_t filtered = stages_->filtered();
    stages_->apply(batch);
    stats_.duplicates += stages_->duplicates() - duplicates;
    stats_.filtered += stages_->filtered() - filtered;
    if (const auto* join = stages_->join()) {
      stats_.join_waiting.store(join->waiting());
      stats_.join_waited.store(join->waited());
      stats_.join_expired.store(join->expired());
      stats_.join_right_keys.store(join->right_keys());
    }
    stats_.filtered += batch.dropped;  // by the decoder's early filter
  }
  auto written = sink_.write(batch);
  if (!written.ok()) return written.error();
  stats_.insert_retries.store(sink_.retries());
  stats_.rows_written += written.value();

  SLUICE_RETURN_IF_ERROR(dead_letters_.write(batch.rejected, batch.topics));
  stats_.dead_lettered += batch.rejected.size();

  std::vector<kafka::OffsetToCommit> offsets;
  for (const CommitPosition& p : batch.positions)
    offsets.push_back({batch.topics[p.topic], p.partition, p.next});
  if (state_ != nullptr) {
    // The state that these records produced, with their positions: a restart resumes from
    // here even if the commit below does not happen (KafkaConsumer::start_at_checkpoint).
    state::Checkpoint checkpoint;
    stages_->checkpoint(checkpoint);
    for (const auto& o : offsets) checkpoint.set_offset(o.topic, o.partition.value, o.next.value);
    SLUICE_RETURN_IF_ERROR(state_->write(checkpoint));
  }
  if (Status s = consumer_.commit(offsets); !s.ok()) {
    // Not fatal: the records are settled, and the next commit of these partitions covers
    // them. Until then a restart re-reads them (duplicates, never loss).
    ++stats_.commits_failed;
    std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
  }
  ++stats_.batches;
  return Status::success();
}

}  // namespace sluice::pipeline
