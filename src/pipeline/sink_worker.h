#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "base/bounded_queue.h"
#include "kafka/kafka_consumer.h"
#include "pipeline/batch_pool.h"
#include "pipeline/pipeline_stats.h"
#include "sink/clickhouse_sink.h"
#include "sink/dead_letter_store.h"
#include "state/state_store.h"
#include "transforms/stages.h"

namespace sluice::pipeline {

// The settling thread. For each batch, in order: run the steps and the join, insert its rows
// into ClickHouse (retrying what is retryable, isolating rows the server refuses), write its
// rejected records to the dead-letter store, then commit its Kafka positions. An offset is
// therefore committed only after every record before it is in ClickHouse or dead-lettered (the
// delivery invariant, docs/delivery.md). A failure that is not retriable stops the worker: later
// batches are not written and nothing more is committed. Settled batches go back to the BatchPool.
class SinkWorker {
 public:
  SinkWorker(sink::ClickHouseSink& sink, sink::DeadLetterStore& dead_letters,
             kafka::KafkaConsumer& consumer, PipelineStats& stats, BatchPool& pool,
             size_t queue_capacity);
  ~SinkWorker();

  // The pipeline's steps and join run on each batch before it is inserted (optional; before
  // start()). With `state`, their state changes and the batch's positions are written to it as
  // one checkpoint after the insert and the dead letters, before the Kafka commit.
  void set_stages(transforms::Stages* stages, state::StateStore* state = nullptr) {
    stages_ = stages;
    state_ = state;
  }
  void start();
  // Hands a batch over; blocks while the queue is full. False once stopped.
  bool submit(Batch batch);
  // Hands a batch over if the queue has room within `wait`; otherwise leaves `batch` alone
  // and returns false (the caller pauses consumption and polls on). Source thread only.
  bool try_submit(Batch& batch, std::chrono::milliseconds wait);
  // Waits until every submitted batch is settled (or the worker failed).
  void wait_settled();
  // Settles what is queued, then ends the thread.
  void finish();

  bool failed() const;
  std::optional<Error> failure() const;

 private:
  void run();
  Status settle(Batch& batch);

  sink::ClickHouseSink& sink_;
  sink::DeadLetterStore& dead_letters_;
  transforms::Stages* stages_ = nullptr;
  state::StateStore* state_ = nullptr;
  kafka::KafkaConsumer& consumer_;
  PipelineStats& stats_;
  BatchPool& pool_;
  const size_t capacity_;
  BoundedQueue<Batch> queue_;
  std::thread thread_;

  mutable std::mutex mutex_;
  std::condition_variable settled_cv_;
  uint64_t submitted_ = 0;
  uint64_t settled_ = 0;
  std::optional<Error> failure_;
};

}  // namespace sluice::pipeline
