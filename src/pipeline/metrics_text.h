#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace sluice::pipeline {

// What a running pipeline reports as metrics: counters since start and the current state.
struct MetricsSnapshot {
  std::string pipeline_id;
  uint64_t records_in = 0, bytes_in = 0, rows_written = 0, dead_lettered = 0, filtered = 0;
  uint64_t duplicates = 0;
  uint64_t batches = 0;
  uint64_t insert_retries = 0, commits_failed = 0;
  bool join = false;  // the join series are written for join pipelines only
  uint64_t join_waiting = 0, join_waited = 0, join_expired = 0, join_right_keys = 0;
  int64_t lag = -1;  // messages behind the high watermarks; -1 unknown
  bool paused = false;
  std::string pause_reason;  // "clickhouse_failing" | "clickhouse_behind" while paused
  bool retrying = false;
  std::string last_error;  // the failing insert's error while retrying
};

// The snapshot in Prometheus text exposition format (version 0.0.4), names sluice_*, every
// series labelled with pipeline_id. While consumption is paused or inserts are retried,
// sluice_consumption_paused{reason} and sluice_sink_retrying say why (the error text in
// sluice_sink_last_error_info{error}).
std::string render_prometheus(const MetricsSnapshot& m);

// Replaces `path` with `text` atomically (temp file + rename), for Prometheus' node_exporter
// textfile collector or any scraper that reads files.
Status write_metrics_file(const std::string& path, const std::string& text);

}  // namespace sluice::pipeline
