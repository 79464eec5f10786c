#pragma once

#include <chrono>
#include <memory>

#include "config/pipeline.h"
#include "json/record_decoder.h"
#include "kafka/kafka_consumer.h"
#include "pipeline/batch_pacer.h"
#include "pipeline/batch_pool.h"
#include "pipeline/pipeline_stats.h"
#include "pipeline/run_options.h"
#include "pipeline/sink_worker.h"
#include "sink/clickhouse_sink.h"
#include "sink/dead_letter_store.h"
#include "sink/sink_health.h"
#include "state/state_store.h"
#include "transforms/stages.h"

namespace sluice::pipeline {

// Runs one pipeline: Kafka source(s) -> JSON decoding into columnar batches -> steps and join ->
// ClickHouse sink,
// until stopped. Two threads: this one consumes and decodes (the source), the SinkWorker
// writes, dead-letters and commits. Batches are cut by the BatchPacer (rows, bytes, delay).
// When the sink falls behind (ClickHouse down or slow) the source pauses the partitions and
// keeps polling, so memory stays bounded and the member stays in the group.
class PipelineRunner final : public kafka::RebalanceListener {
 public:
  PipelineRunner(config::Pipeline pipeline, RunOptions options);
  ~PipelineRunner() override;

  // Returns once stopped (ok) or failed (the error says what and what to do).
  Status run();

  const PipelineStats& stats() const { return stats_; }

  void on_partitions_revoked(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_partitions_assigned(const std::vector<kafka::TopicPartition>& partitions) override;

 private:
  Status open();
  // Opens the state store and restores the chain's state, if a step keeps any.
  Status open_state();
  Status consume_loop();
  // Decodes `message` into the current batch, which keeps it if it became a row.
  // Which of topics_ `m` is from (0 or 1), comparing names only for a topic's first message.
  size_t topic_of(const kafka::KafkaMessage& m);
  void add_message(kafka::KafkaMessage&& message);
  // Where the source is in each partition: last consumed offset + 1.
  std::vector<kafka::OffsetToCommit> consumed_positions() const;
  // Hands the batch to the worker, blocking while the queue is full (drain, rebalance).
  bool flush_batch();
  // Hands the batch over if there is room soon; else pauses consumption. False: failed.
  bool flush_or_pause(BatchPacer::Cut why);
  Batch new_batch();
  void report_status(bool final_line);
  void write_metrics(int64_t lag);
  // The join's part of the summary line ("" without a join).
  std::string join_summary() const;

  config::Pipeline pipeline_;
  RunOptions options_;
  PipelineStats stats_;
  sink::SinkHealth health_;
  BatchPool pool_;
  BatchPacer pacer_;
  json::RecordDecoder decoder_;
  json::RecordDecoder side_decoder_;  // the join's right source (no fields without a join)
  std::vector<std::string> topics_;   // the main source's, then the join's right source's
  const void* topic_handles_[2] = {nullptr, nullptr};  // librdkafka's handles of topics_, once seen
  std::unique_ptr<sink::DeadLetterStore> dead_letters_;
  std::unique_ptr<transforms::Stages> stages_;  // used by the worker thread
  std::unique_ptr<state::StateStore> state_;    // with a stateful chain only
  std::unique_ptr<sink::ClickHouseSink> sink_;
  std::unique_ptr<kafka::KafkaConsumer> consumer_;
  std::unique_ptr<SinkWorker> worker_;

  std::string pause_reason_;  // why consumption was last paused (metrics_text.h)
  Batch batch_;
  // [topic][partition]: last consumed offset + 1; -1 = none consumed.
  std::vector<std::vector<int64_t>> next_offsets_;
  size_t batch_records_ = 0;
  std::chrono::steady_clock::time_point batch_started_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_status_;
  uint64_t last_status_records_ = 0;
};

}  // namespace sluice::pipeline
