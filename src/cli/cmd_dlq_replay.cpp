// `sluice dlq replay`: runs stored payloads through the pipeline's decoder and sink again.
#include <cstdio>

#include "cli/diagnostics_output.h"
#include "config/pipeline_loader.h"
#include "json/record_decoder.h"
#include "sink/clickhouse_sink.h"
#include "sink/dead_letter_file.h"
#include "sink/dead_letter_log.h"

namespace sluice::cli {

int dlq_replay(const std::string& pipeline_path, const std::string& file,
               const std::string& reason) {
  auto loaded = config::load_pipeline_file(pipeline_path);
  if (print_diagnostics(loaded) != 0) {
    std::fprintf(stderr, "sluice: replay needs the pipeline file; %s is not valid\n",
                 pipeline_path.c_str());
    return 2;
  }
  const config::Pipeline& pipeline = *loaded.pipeline;
  // The pipeline must not be appending while the log is rewritten.
  auto lock = sink::DeadLetterLock::acquire(file);
  if (!lock.ok()) {
    std::fprintf(stderr, "sluice: %s\n", lock.error().message().c_str());
    return 1;
  }
  auto log = sink::read_log(file);
  if (!log.ok()) {
    std::fprintf(stderr, "sluice: %s\n", log.error().message().c_str());
    return 1;
  }
  const auto& fields = pipeline.sources.front().schema_fields;
  sink::ClickHouseSinkOptions options;
  options.sink = pipeline.sink;
  options.fields = fields;
  auto sink = sink::ClickHouseSink::open(std::move(options));
  if (!sink.ok()) {
    std::fprintf(stderr, "sluice: %s\n", sink.error().message().c_str());
    return 1;
  }

  // One batch; each replayed entry's index rides in its origin's offset so the outcome can
  // be matched back to the entry.
  json::RecordDecoder decoder(fields);
  Batch batch(decoder.num_fields());
  batch.topics.push_back(pipeline.sources.front().topic);
  std::vector<size_t> picked;
  for (size_t i = 0; i < log->entries.size(); ++i) {
    const sink::DeadLetterEntry& e = log->entries[i];
    if (!reason.empty() && e.reason != reason) continue;
    RecordOrigin origin;
    origin.partition = Partition{e.partition};
    origin.offset = Offset{static_cast<int64_t>(i)};
    origin.timestamp_ms = e.timestamp_ms;
    decoder.decode(batch, e.payload, e.key, origin);
    picked.push_back(i);
  }
  auto written = (*sink)->write(batch);
  if (!written.ok()) {
    std::fprintf(stderr, "sluice: replay failed, the dead-letter log is unchanged: %s\n",
                 written.error().message().c_str());
    return 1;
  }
  std::vector<bool> failed(log->entries.size(), false);
  const std::string now = sink::utc_now_iso8601();
  for (const RejectedRecord& r : batch.rejected) {
    sink::DeadLetterEntry& e = log->entries[static_cast<size_t>(r.origin.offset.value)];
    failed[static_cast<size_t>(r.origin.offset.value)] = true;
    e.component = sink::reject_component(r.reason);
    e.reason = reject_reason_name(r.reason);
    e.detail = r.detail;
    e.time = now;
  }
  std::vector<bool> chosen(log->entries.size(), false);
  for (size_t i : picked) chosen[i] = true;
  uint64_t next = log->entries.empty() ? 1 : log->entries.back().seq + 1;
  std::vector<sink::DeadLetterEntry> keep;
  for (size_t i = 0; i < log->entries.size(); ++i)
    if (!chosen[i] || failed[i]) keep.push_back(std::move(log->entries[i]));
  // The rows are in ClickHouse now: a crash before this rewrite replays them twice
  // (at-least-once, like the pipeline itself).
  if (Status s = sink::rewrite_log(file, keep, next); !s.ok()) {
    std::fprintf(stderr, "sluice: %s\n", s.error().message().c_str());
    return 1;
  }
  std::printf("replayed %zu dead letters: %zu inserted, %zu failed again and stay\n", picked.size(),
              *written, batch.rejected.size());
  return 0;
}

}  // namespace sluice::cli
