#include "pipeline/metrics_text.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace sluice::pipeline {
namespace {

// A label value with \, " and newlines escaped as the text format requires.
std::string label_value(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

class Writer {
 public:
  explicit Writer(const std::string& pipeline_id)
      : labels_("pipeline_id=\"" + label_value(pipeline_id) + "\"") {}

  void metric(const char* name, const char* type, const char* help, double value,
              const std::string& extra_labels = "") {
    out_ += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    sample(name, value, extra_labels);
  }
  void sample(const char* name, double value, const std::string& extra_labels = "") {
    char number[32];
    std::snprintf(number, sizeof number, "%.17g", value);
    out_ += std::string(name) + "{" + labels_ + (extra_labels.empty() ? "" : "," + extra_labels) +
            "} " + number + "\n";
  }
  std::string take() { return std::move(out_); }

 private:
  std::string labels_;
  std::string out_;
};

}  // namespace

std::string render_prometheus(const MetricsSnapshot& m) {
  Writer w(m.pipeline_id);
  auto d = [](uint64_t v) { return static_cast<double>(v); };
  w.metric("sluice_records_read_total", "counter", "Kafka messages consumed.", d(m.records_in));
  w.metric("sluice_bytes_read_total", "counter", "Bytes of consumed message values.",
           d(m.bytes_in));
  w.metric("sluice_rows_written_total", "counter", "Rows ClickHouse acknowledged.",
           d(m.rows_written));
  w.metric("sluice_dead_letters_total", "counter", "Records written to the dead-letter store.",
           d(m.dead_lettered));
  w.metric("sluice_records_filtered_total", "counter",
           "Records a filter dropped (settled and committed, not written).", d(m.filtered));
  w.metric("sluice_records_duplicate_total", "counter",
           "Records a dedup step dropped as duplicates (settled and committed, not written).",
           d(m.duplicates));
  w.metric("sluice_batches_total", "counter",
           "Batches settled (inserted, dead-lettered, committed).", d(m.batches));
  w.metric("sluice_insert_retries_total", "counter",
           "ClickHouse inserts retried after a retryable failure.", d(m.insert_retries));
  w.metric("sluice_commit_failures_total", "counter",
           "Kafka offset commits that failed (covered by the next commit).", d(m.commits_failed));
  if (m.join) {
    w.metric("sluice_join_waiting_records", "gauge",
             "Left records waiting for their right record (in the join state, committed).",
             d(m.join_waiting));
    w.metric("sluice_join_waited_total", "counter",
             "Left records that arrived before their right record and waited in the join state.",
             d(m.join_waited));
    w.metric("sluice_join_expired_total", "counter",
             "Left records whose window passed without a right record (inner join: not written).",
             d(m.join_expired));
    w.metric("sluice_join_right_keys", "gauge", "Right keys whose latest record the join holds.",
             d(m.join_right_keys));
  }
  if (m.lag >= 0)
    w.metric("sluice_consumer_lag_messages", "gauge",
             "Messages between the consumed position and the high watermarks.",
             static_cast<double>(m.lag));
  w.metric("sluice_consumption_paused", "gauge",
           "1 while the source has paused its partitions because the sink is behind; reason "
           "clickhouse_failing (inserts are being retried) or clickhouse_behind.",
           m.paused ? 1 : 0,
           m.paused ? "reason=\"" + label_value(m.pause_reason) + "\"" : std::string());
  w.metric("sluice_sink_retrying", "gauge",
           "1 while a ClickHouse insert is failing and being retried with backoff.",
           m.retrying ? 1 : 0);
  if (m.retrying)
    w.metric("sluice_sink_last_error_info", "gauge", "The error of the insert being retried.", 1,
             "error=\"" + label_value(m.last_error) + "\"");
  return w.take();
}

Status write_metrics_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text;
    if (!out.flush()) return Error(ErrorCode::Io, "cannot write metrics file " + tmp, true);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return Error(ErrorCode::Io, "cannot replace metrics file " + path + ": " + ec.message(), true);
  return Status::success();
}

}  // namespace sluice::pipeline
