#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "clickhouse/connection.h"
#include "kafka/kafka_properties.h"
#include "kafka/start_position.h"

namespace sluice::pipeline {

struct RunOptions {
  // `--dead-letter SPEC` (sink/dead_letter_target.h): a file, or clickhouse:[db.]table;
  // default .sluice/<pipeline_id>/dead_letters.jsonl
  std::string dead_letter;
  // `--state-dir DIR`: the state store of dedup steps; default .sluice/<pipeline_id>/state
  std::string state_dir;
  kafka::Properties kafka_overrides;  // `--kafka-property name=value`
  // `--compression`; nullopt = auto: none to a server on the loopback, LZ4 otherwise.
  std::optional<clickhouse::Compression> compression;
  std::chrono::milliseconds status_interval{5000};  // 0 disables the periodic status line
  // `--metrics-file PATH`: Prometheus text written at every status interval and at exit.
  std::string metrics_file;
  // Flush earlier than max_batch_size when exceeded. Up to four batches are alive at once
  // (building, two queued, settling), and fresh memory costs a page fault per 4 KiB.
  size_t max_batch_bytes = 64u << 20;
  size_t queue_capacity = 2;    // batches between source and sink threads
  bool adaptive_pacing = true;  // `--insert-pacing adaptive|fixed` (batch_pacer.h)
  // How long the source waits for room in the queue before it pauses the partitions and
  // goes on polling (so it stays in the group however long ClickHouse is away).
  std::chrono::milliseconds pause_after{1000};
  kafka::StartPosition start;               // `--from-beginning` / `--from-timestamp` (replays)
  const std::atomic<bool>* stop = nullptr;  // set by SIGINT/SIGTERM: drain and exit
};

}  // namespace sluice::pipeline
